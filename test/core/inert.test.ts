import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasActive, inertJson, inertLine, inertStrings, inertText } from '../../src/core/inert.js';

const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('inert text', () => {
  it('shows each control character as its escape and keeps everything else, emoji included', () => {
    expect(inertText('\u001b[2J\r\u009b\u202e\u0000 ok é 🔥\n\tnext')).toBe('\\x1b[2J\\r\\x9b\\u202e\\x00 ok é 🔥\n\tnext');
    expect(inertLine('a\nb\tc\u001b')).toBe('a b c\\x1b');
  });

  it('leaves nothing active in any string, and changes nothing in one that had nothing active', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(ACTIVE.test(inertText(s))).toBe(false);
        expect(/[\n\t]/.test(inertLine(s)) || ACTIVE.test(inertLine(s))).toBe(false);
        expect(hasActive(s)).toBe(ACTIVE.test(s));
        if (!ACTIVE.test(s)) expect(inertText(s)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches into objects, lists and keys, and keeps JSON readable back to the same text', () => {
    expect(inertStrings({ 'k\u001b': ['\u009b', 1, null, { t: '\r' }] })).toEqual({ 'k\\x1b': ['\\x9b', 1, null, { t: '\\r' }] });
    const json = inertJson(JSON.stringify({ t: 'a\u009b\u202eb' }));
    expect(ACTIVE.test(json)).toBe(false);
    expect(JSON.parse(json).t).toBe('a\u009b\u202eb');
  });
});
