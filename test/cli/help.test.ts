import { describe, expect, it } from 'vitest';
import { reflow } from '../../src/cli/help.js';

describe('help reflowed for a terminal', () => {
  it("joins a paragraph's lines and an option's description, keeping headings, labelled lines and examples", () => {
    const written = [
      'Runs each scenario with the playbook',
      'acting as a controller.',
      '',
      'Options:',
      '  --playbook FILE   the playbook: a file, a built-in name, or reference / naive for the one',
      '                    each scenario names.',
      '  --seed N          one seed (default 1)',
      '',
      'Example: firedrill train --list',
      'Exit codes: 0 done, 2 bad input.',
      '',
      'Examples:',
      '  firedrill run ID --seed 7',
      '  firedrill run scenarios/ --seeds 200',
    ].join('\n');
    expect(reflow(written)).toBe(
      [
        'Runs each scenario with the playbook acting as a controller.',
        '',
        'Options:',
        '  --playbook FILE   the playbook: a file, a built-in name, or reference / naive for the one each scenario names.',
        '  --seed N          one seed (default 1)',
        '',
        'Example: firedrill train --list',
        'Exit codes: 0 done, 2 bad input.',
        '',
        'Examples:',
        '  firedrill run ID --seed 7',
        '  firedrill run scenarios/ --seeds 200',
      ].join('\n'),
    );
  });
});
