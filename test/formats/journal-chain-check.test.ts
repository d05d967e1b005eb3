import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FORMAT_VERSION, parseJournal, type JournalEntry } from '../../src/formats/journal.js';
import { formatProblem, InputError } from '../../src/formats/source.js';
import { chainJournal, sha256 } from '../chained-journal.js';
import { entryArbitrary, testHeader } from '../journal-fixtures.js';

const HEADER = testHeader({ mode: 'run', executor: 'automated' });
const command = (atMs: number, text: string): JournalEntry => ({ atMs, kind: 'command', by: 'playbook p', command: text });
const ENTRIES = [command(190_000, 'declare'), command(190_000, 'rollback lb-routing'), command(241_000, 'rollback conn-pool'), command(300_000, 'inspect lb-routing')];
const END = { end: { atMs: 711_000, verdict: 'FAIL', result: 'sha256:a5' } };
/** Header on line 1, the four commands on lines 2 to 5, the end line on line 6. */
const JOURNAL = chainJournal([HEADER, ...ENTRIES, END]);
const LINES = JOURNAL.split('\n').slice(0, -1);

const joined = (lines: readonly string[]) => `${lines.join('\n')}\n`;

function problem(text: string): string {
  try {
    parseJournal(text, 'drill.journal');
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem).join('\n');
    throw e;
  }
  return '';
}

describe('a chained journal', () => {
  it('reads whole, saying it carries a digest chain', () => {
    const j = parseJournal(JOURNAL, 'drill.journal');
    expect(j.chained).toBe(true);
    expect(j.entries).toEqual(ENTRIES);
    expect(j.end).toEqual(END.end);
  });

  it('is refused when a value in a command line was changed, naming that line', () => {
    const changed = LINES.map((l, i) => (i === 2 ? l.replace('rollback lb-routing', 'rollback conn-pool') : l));
    expect(problem(joined(changed))).toBe(
      'drill.journal:3:1: line 3 is not the line that was written before line 4 (line 4 holds the digest of another): the journal was changed after it was written, at line 3 or by removing a line after it',
    );
    const later = LINES.map((l, i) => (i === 4 ? l.replace('"atMs":300000', '"atMs":299000') : l));
    expect(problem(joined(later))).toMatch(/^drill\.journal:5:1: line 5 is not the line that was written before line 6 .*changed after it was written/);
  });

  it('is refused when a line was removed, naming where', () => {
    expect(problem(joined(LINES.filter((_, i) => i !== 3)))).toMatch(/^drill\.journal:3:1: line 3 is not the line that was written before line 4 .*changed after it was written, at line 3 or by removing a line after it$/);
  });

  it('is refused when a forged command line was inserted, even one holding the digest of the line before it', () => {
    const forged = `${JSON.stringify({ ...command(200_000, 'scale conn-pool 50'), prev: sha256(`${LINES[2]}\n`) })}`;
    expect(problem(joined([...LINES.slice(0, 3), forged, ...LINES.slice(3)]))).toBe(
      'drill.journal:4:1: line 4 was inserted after the journal was written: line 5 holds the digest of line 3, the line written before it',
    );
    const bare = JSON.stringify(command(200_000, 'scale conn-pool 50'));
    expect(problem(joined([...LINES.slice(0, 3), bare, ...LINES.slice(3)]))).toBe(
      'drill.journal:4:1: line 4 is not a line of the journal as it was written: it holds no digest of the line before it; the journal was changed after it was written',
    );
  });

  it('is refused when two lines were swapped, naming the first', () => {
    const swapped = [...LINES.slice(0, 2), LINES[3]!, LINES[2]!, ...LINES.slice(4)];
    expect(problem(joined(swapped))).toBe(
      'drill.journal:3:1: line 3 is not a line of the journal as it was written: it was written after line 4, not after line 2: lines were moved; the journal was changed after it was written',
    );
  });

  it('is refused when its end line was changed', () => {
    const flipped = LINES.map((l, i) => (i === 5 ? l.replace('"FAIL"', '"PASS"') : l));
    expect(problem(joined(flipped))).toBe("drill.journal:6:1: the end line is not as it was written (its digest of the journal does not match): the journal was changed after it was written, at its end line");
    const unlinked = LINES.map((l, i) => (i === 5 ? l.replace(/"prev":"sha256:[0-9a-f]{6}/, '"prev":"sha256:000000') : l));
    expect(problem(joined(unlinked))).toMatch(/^drill\.journal:6:1: the end line is not as it was written/);
  });

  it('is refused when a line follows its end line', () => {
    const after = JSON.stringify({ ...command(712_000, 'declare'), prev: sha256(`${LINES[5]}\n`) });
    expect(problem(joined([...LINES, after]))).toBe('drill.journal:7:1: line 7 follows the end line (line 6): it was added after the journal was written');
  });

  it('is refused when its header was changed to an older format, which has no chain', () => {
    const older = LINES.map((l, i) => (i === 0 ? l.replace(`"formatVersion":${JOURNAL_FORMAT_VERSION}`, '"formatVersion":2') : l));
    expect(problem(joined(older))).toBe(
      'drill.journal:1:1: the header says journal format 2, which has no digest chain, but line 2 carries one (prev): the header was changed after the journal was written',
    );
  });

  it('cut in the middle of its last line replays up to the line before it', () => {
    const cut = `${LINES.slice(0, 5).join('\n')}\n${LINES[5]!.slice(0, 40)}`;
    const j = parseJournal(cut, 'drill.journal');
    expect(j.entries).toEqual(ENTRIES);
    expect(j.end).toBeUndefined();
    expect(j.stopped?.why).toBe('line 6 was cut short; replaying the 4 entries before it');
  });

  it('cut just before the newline of its last entry keeps that entry, its digest checked', () => {
    const j = parseJournal(LINES.slice(0, 5).join('\n'), 'drill.journal');
    expect(j.entries).toEqual(ENTRIES);
    const forged = LINES[4]!.replace(/"prev":"sha256:[0-9a-f]{6}/, '"prev":"sha256:000000');
    expect(problem([...LINES.slice(0, 4), forged].join('\n'))).toBe(
      'drill.journal:4:1: line 4 is not the line that was written before line 5 (line 5 holds the digest of another): the journal was changed after it was written, at line 4 or by removing a line after it, or at line 5, for which no later line vouches',
    );
  });

  it('without an end line (a killed drill) replays, and its links are still checked', () => {
    const killed = joined(LINES.slice(0, 5));
    expect(parseJournal(killed, 'drill.journal').stopped?.why).toMatch(/interrupted/);
    const changed = LINES.slice(0, 5).map((l, i) => (i === 2 ? l.replace('lb-routing', 'conn-pool') : l));
    expect(problem(joined(changed))).toMatch(/^drill\.journal:3:1: line 3 is not the line that was written before line 4/);
  });
});


describe('a byte changed in an entry line', () => {
  it('is refused, naming the line it was changed in, in a journal that ran to its end or was killed', () => {
    const journal = fc
      .tuple(fc.array(fc.tuple(fc.nat(5000), entryArbitrary), { minLength: 1, maxLength: 8 }), fc.boolean())
      .map(([steps, ended]) => {
        let atMs = 0;
        const entries = steps.map(([gapMs, e]) => ({ atMs: (atMs += gapMs), ...e }) as JournalEntry);
        const text = chainJournal([HEADER, ...entries, ...(ended ? [{ end: { atMs, verdict: 'PASS', result: 'sha256:ab' } }] : [])]);
        const bytes = Buffer.from(text, 'utf8');
        // Entry lines are lines 2 onwards, short of the end line; a killed journal's last line is vouched for by none after it.
        const starts = [0];
        for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
        const checked = ended ? entries.length : entries.length - 1;
        return { bytes, starts, checked };
      })
      .filter((j) => j.checked > 0);
    fc.assert(
      fc.property(journal, fc.nat(), fc.integer({ min: 1, max: 255 }), ({ bytes, starts, checked }, pick, xor) => {
        const line = 2 + (pick % checked);
        const from = starts[line - 1]!;
        const at = from + ((pick >> 4) % (starts[line]! - from));
        const changed = Buffer.from(bytes);
        changed[at] = changed[at]! ^ xor;
        expect(problem(changed.toString('utf8'))).toMatch(new RegExp(`^drill\\.journal:${line}:1: .*after (it|the journal) was written`));
      }),
      { numRuns: 400 },
    );
  });
});
