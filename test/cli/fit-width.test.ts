import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitWidth, hangingIndent } from '../../src/cli/fit-width.js';

const WHY =
  '  - payment-api: 200 pods of 2.14 in CrashLoopBackOff (payment-api 2.14 cannot map the payment_method_id column added in schema 2.15: it crashes on start); 50 pods of 2.15 Pending: no free slot';

describe('text fitted to the terminal', () => {
  it('wraps a "Why" line at word boundaries, each continuation under the text after its bullet', () => {
    expect(fitWidth(WHY, 80)).toBe(
      [
        '  - payment-api: 200 pods of 2.14 in CrashLoopBackOff (payment-api 2.14 cannot',
        '    map the payment_method_id column added in schema 2.15: it crashes on start);',
        '    50 pods of 2.15 Pending: no free slot',
      ].join('\n'),
    );
  });

  it('continues a table row under its last column: the timeline, the options of a command', () => {
    expect(fitWidth('     2:14  pods          payment-api: recreate of main to 2.14 (every old pod stops before new ones start)', 80)).toBe(
      ['     2:14  pods          payment-api: recreate of main to 2.14 (every old pod', '                         stops before new ones start)'].join('\n'),
    );
    expect(fitWidth('  --workers N       worker threads (default: the number of cores)', 50)).toBe(
      ['  --workers N       worker threads (default: the', '                    number of cores)'].join('\n'),
    );
  });

  it('continues a labelled line under the text after its label: a usage line, a scenario\'s source', () => {
    expect(fitWidth('Usage: firedrill run SCENARIO|DIR... --playbook FILE [--seed N | --seeds N] [--workers N]', 60)).toBe(
      ['Usage: firedrill run SCENARIO|DIR... --playbook FILE [--seed', '       N | --seeds N] [--workers N]'].join('\n'),
    );
    expect(fitWidth('      source: March 2026: a payment service rolled back from 2.15 to 2.14', 50)).toBe(
      ['      source: March 2026: a payment service rolled', '              back from 2.15 to 2.14'].join('\n'),
    );
  });

  it('falls back to the line\'s own indent where the last column leaves too little room', () => {
    expect(hangingIndent('a-very-long-scenario-identifier-here  FAIL never recovered', 60)).toBe(0);
    expect(hangingIndent('    plain text that wraps', 30)).toBe(4);
  });

  it('keeps colours, measuring only what shows', () => {
    const red = (t: string): string => `\u001b[31m${t}\u001b[39m`;
    const fitted = fitWidth(`${red('FAIL')}  not recovered (target 5:00) because the pods kept crash-looping all along`, 40);
    expect(fitted.split('\n')).toEqual([`${red('FAIL')}  not recovered (target 5:00)`, '      because the pods kept', '      crash-looping all along']);
    expect(stringWidth(fitted.split('\n')[0]!)).toBe(33);
  });

  it('leaves text alone off a terminal, lines that fit, and commands to copy', () => {
    expect(fitWidth(WHY, undefined)).toBe(WHY);
    expect(fitWidth('short\n', 20)).toBe('short\n');
    for (const command of [
      '    firedrill run scenarios/payment-schema-rollback.yaml --playbook unified-release-rollback --seed 17',
      'replay: firedrill run payment-schema-rollback --playbook code-only-rollback --seed 1',
      'reproduce the drill:  firedrill run /tmp/out/fuzz-payment-schema-rollback.yaml --playbook code-only-rollback --seed 3',
    ]) {
      expect(fitWidth(command, 60)).toBe(command);
    }
    expect(fitWidth('The facilitator\'s own screen: firedrill facilitate in a second terminal attaches to this play.', 60)).toContain('\n');
  });

  it('never breaks a word, and never leaves a line wider than the terminal unless one word is', () => {
    const word = fc.stringMatching(/^[a-z0-9():/.-]{1,18}$/);
    const line = fc.tuple(fc.nat({ max: 6 }), fc.constantFrom('', '- '), fc.array(word, { minLength: 1, maxLength: 40 }));
    fc.assert(
      fc.property(line, fc.integer({ min: 30, max: 200 }), ([lead, bullet, words], columns) => {
        const text = `${' '.repeat(lead)}${bullet}${words.join(' ')}`;
        const fitted = fitWidth(text, columns).split('\n');
        for (const l of fitted) expect(l.length <= columns || !l.trim().includes(' ')).toBe(true);
        expect(fitted.join(' ').split(/\s+/).filter((w) => w !== '' && w !== '-')).toEqual(words.filter((w) => w !== '-'));
      }),
      { numRuns: 300 },
    );
  });
});
