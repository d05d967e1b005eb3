import { describe, expect, it } from 'vitest';
import { topLevelFields } from '../../src/formats/top-level.js';

describe('a few top-level fields read without the rest', () => {
  it('takes each wanted entry whole, nested lines, comments and block scalars included, and nothing else', () => {
    const text = [
      '# yaml-language-server: $schema=./schema/scenario.schema.json',
      'id: a',
      'title: "A: with a colon"',
      'briefing: |',
      '  never read',
      'source:',
      '  incident: "x"',
      '  # a comment inside',
      '  article: >',
      '    folded',
      '    text',
      'components: { broken: [ }',
      'layers: [model, data]',
    ].join('\n');
    expect(topLevelFields(text, ['id', 'title', 'source', 'layers'])).toEqual({ id: 'a', title: 'A: with a colon', source: { incident: 'x', article: 'folded text\n' }, layers: ['model', 'data'] });
  });

  it('gives up on what it cannot cut: a flow mapping, a list, or a wanted entry that does not parse', () => {
    expect(topLevelFields('{ id: a, title: b }', ['id'])).toBeUndefined();
    expect(topLevelFields('- id: a\n', ['id'])).toBeUndefined();
    expect(topLevelFields('id: [a\n', ['id'])).toBeUndefined();
  });
});
