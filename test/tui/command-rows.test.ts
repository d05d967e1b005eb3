import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandRows, isCopyLine } from '../../src/tui/command-rows.js';
import { wrapLines } from '../../src/tui/components/Pager.js';

/** The words a POSIX shell reads from some rows of text, one per line of output. */
function shellWords(rows: readonly string[]): string[] {
  const r = spawnSync('sh', ['-c', `set -- ${rows.join('\n')}\nprintf '%s\\n' "$@"`], { encoding: 'utf8' });
  return r.stdout.split('\n').slice(0, -1);
}

const JOURNAL = 'reports/2026-03-14-093012-payment-schema-rollback-seed-3/drill.jsonl';
const REPLAY = `    firedrill replay ${JOURNAL} --verify`;

describe('a command on a screen narrower than it', () => {
  it('stays on one row where it fits', () => {
    expect(commandRows(REPLAY, 120)).toEqual([REPLAY]);
  });

  it('breaks between its words with a line continuation, each row inside the width', () => {
    const rows = commandRows(REPLAY, 79);
    expect(rows).toEqual(['    firedrill replay \\', `        ${JOURNAL} \\`, '        --verify']);
    expect(shellWords(rows)).toEqual(shellWords([REPLAY]));
  });

  it('breaks a word longer than a row with a bare backslash, which the shell joins back', () => {
    const rows = commandRows(REPLAY, 40);
    expect(rows.every((r) => r.length <= 40)).toBe(true);
    expect(shellWords(rows)).toEqual(['firedrill', 'replay', JOURNAL, '--verify']);
  });

  it('reads the same to a shell whatever the width and the words', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9_./:=@%+,-]{1,50}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.integer({ min: 20, max: 100 }), (words, width) => {
        const line = `  firedrill run ${words.join(' ')}`;
        const rows = commandRows(line, width);
        expect(rows.every((r) => r.length <= width)).toBe(true);
        expect(shellWords(rows)).toEqual(['firedrill', 'run', ...words]);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps a quoted word whole, since a quote would keep the backslash', () => {
    const line = `  firedrill replay '${'my journals/'.repeat(8)}drill.jsonl' --verify`;
    const rows = commandRows(line, 40);
    expect(shellWords(rows)).toEqual(shellWords([line]));
  });
});

describe('the debrief pager', () => {
  it('wraps prose at word boundaries and fits commands as a shell reads them', () => {
    const rows = wrapLines(['Replay it, checking it comes to the same result:', REPLAY], 80);
    expect(rows[0]).toBe('Replay it, checking it comes to the same result:');
    expect(rows.slice(1).every((r) => r.length <= 79)).toBe(true);
    expect(shellWords(rows.slice(1))).toEqual(['firedrill', 'replay', JOURNAL, '--verify']);
    expect(isCopyLine(rows[0]!)).toBe(false);
  });

  it('breaks a path longer than the screen where a shell joins it back, with no empty row', () => {
    const path = `  /tmp/drills/${JOURNAL}`;
    const rows = wrapLines(['The journal and the reports', path], 60);
    expect(rows.slice(1).every((r) => r.length <= 59 && r.trim() !== '')).toBe(true);
    expect(shellWords(rows.slice(1))).toEqual([path.trim()]);
  });
});
