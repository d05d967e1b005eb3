import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FORMAT_VERSION, journalLine, parseJournal, type JournalEntry, type JournalHeader } from '../../src/formats/journal.js';
import { formatProblem, InputError } from '../../src/formats/source.js';
import { chainJournal } from '../chained-journal.js';
import { entryArbitrary, testHeader } from '../journal-fixtures.js';

/** A journal of format 2, the last without a digest chain: the format's other rules are the same. */
const HEADER = testHeader({ formatVersion: 2, playbooks: [{ name: 'best-play', digest: 'sha256:11', role: 'reference' }] });
const header = journalLine(HEADER);
const entry = (atMs: number, command: string) => journalLine({ atMs, kind: 'command', by: 'team', command });
const end = journalLine({ end: { atMs: 90_000, verdict: 'PASS', result: 'sha256:ab' } });

/** A journal as `run --journal` wrote it before the format had a version. */
const V1_HEADER = `${JSON.stringify({ firedrill: '0.1.0', scenario: HEADER.scenario, seed: 5, playbook: { name: 'p', digest: 'sha256:22' }, watched: ['errorRate'] })}\n`;
const v1Entry = (atMs: number, by: string, command: string) => `${JSON.stringify({ atMs, by, command })}\n`;

function problem(text: string): string {
  try {
    parseJournal(text, 'drill.journal');
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem).join('\n');
    throw e;
  }
  return '';
}


describe('parseJournal', () => {
  it('reads back every entry it was written, in order, whatever the text they hold', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5000), entryArbitrary), { maxLength: 20 }), fc.boolean(), (steps, ended) => {
        let atMs = 0;
        const entries = steps.map(([gapMs, e]) => ({ atMs: (atMs += gapMs), ...e }) as JournalEntry);
        if (ended) entries.push({ atMs, kind: 'end', by: 'facilitator' });
        const text = header + entries.map(journalLine).join('') + end;
        const parsed = parseJournal(text, 'drill.journal');
        expect(parsed.header).toEqual(HEADER);
        expect(parsed.entries).toEqual(entries);
        expect(parsed.lines).toEqual(entries.map((_, i) => i + 2));
        expect(parsed.end).toEqual({ atMs: 90_000, verdict: 'PASS', result: 'sha256:ab' });
      }),
      { numRuns: 200 },
    );
  });

  it('replays up to the last whole line of a journal cut mid-line, and says where it stopped', () => {
    const cut = header + entry(1000, 'declare') + entry(5000, 'rollback-release').slice(0, 20);
    const j = parseJournal(cut, 'drill.journal');
    expect(j.entries).toHaveLength(1);
    expect(j.stopped).toEqual({ line: 3, why: 'line 3 was cut short; replaying the 1 entry before it' });
  });

  it('says so when a journal has no end line (an interrupted drill)', () => {
    expect(parseJournal(header + entry(1000, 'declare'), 'drill.journal').stopped?.why).toMatch(/interrupted/);
  });

  it('refuses a bad line in the middle, naming it', () => {
    expect(problem(header + 'oops\n' + entry(1000, 'declare'))).toBe('drill.journal:2:1: bad journal line: not a JSON line');
    expect(problem(header + entry(5000, 'a') + entry(1000, 'b'))).toBe('drill.journal:3:1: journal entries go back in time');
    expect(problem(header + journalLine({ atMs: 1000, kind: 'hint', by: 'f', index: -1 } as JournalEntry) + end)).toMatch(/^drill\.journal:2:1: bad journal line: index: /);
    expect(problem(header + `${JSON.stringify({ atMs: 1000, kind: 'shout', by: 'f' })}\n`)).toBe(
      "drill.journal:2:1: bad journal line: unknown entry kind 'shout' (expected command, inject, hint, note, end)",
    );
    expect(problem(header + journalLine({ atMs: 1000, kind: 'end', by: 'f' }) + entry(2000, 'declare'))).toBe('drill.journal:3:1: an entry after the drill was ended (line 2)');
    expect(problem('')).toMatch(/drill\.journal:1:1: empty journal/);
    expect(problem('{"x":1}\n')).toMatch(/drill\.journal:1:1: not a firedrill journal header/);
    expect(problem(journalLine({ ...HEADER, mode: 'party' } as unknown as JournalHeader))).toMatch(/drill\.journal:1:1: not a firedrill journal header: mode: /);
  });

  it('reads a version 1 journal as what it was: a playbook run, its injects as inject entries', () => {
    const j = parseJournal(V1_HEADER + v1Entry(1000, 'playbook p', 'declare') + v1Entry(2000, 'facilitator', 'inject surge') + end, 'old.journal');
    expect(j.header).toMatchObject({ formatVersion: 1, worldVersion: null, mode: 'run', executor: 'automated', seed: 5, watched: ['errorRate'] });
    expect(j.header.playbooks).toEqual([{ name: 'p', digest: 'sha256:22', role: 'driver' }]);
    expect(j.entries).toEqual([
      { atMs: 1000, kind: 'command', by: 'playbook p', command: 'declare' },
      { atMs: 2000, kind: 'inject', by: 'facilitator', inject: 'surge' },
    ]);
    expect(j.end?.result).toBe('sha256:ab');
  });

  it('ignores fields it does not know, so a later version can add some', () => {
    const later = journalLine({ ...HEADER, room: 'b2' } as JournalHeader) + `${JSON.stringify({ atMs: 1000, kind: 'note', by: 'bo', text: 'hi', mood: 'calm' })}\n` + end;
    const j = parseJournal(later, 'drill.journal');
    expect(j.header).toEqual(HEADER);
    expect(j.entries).toEqual([{ atMs: 1000, kind: 'note', by: 'bo', text: 'hi' }]);
  });

  it('leaves out, and counts, entries of kinds it does not know in a journal of a later format, whose chain it still checks', () => {
    const lines = [{ ...HEADER, formatVersion: JOURNAL_FORMAT_VERSION + 1 }, { atMs: 1000, kind: 'pause', by: 'f' }, { atMs: 2000, kind: 'command', by: 'team', command: 'declare' }, { end: { atMs: 90_000, verdict: 'PASS', result: 'sha256:ab' } }];
    const j = parseJournal(chainJournal(lines), 'drill.journal');
    expect(j.entries.map((e) => e.kind)).toEqual(['command']);
    expect(j.skipped).toEqual({ count: 1, kinds: ['pause'] });
    expect(problem(chainJournal(lines).replace('"pause"', '"pause "'))).toMatch(/^drill\.journal:2:1: line 2 is not the line that was written before line 3/);
  });

  it('says a journal of format 1 or 2 carries no digest chain', () => {
    expect(parseJournal(header + entry(1000, 'declare') + end, 'drill.journal').chained).toBe(false);
    expect(parseJournal(V1_HEADER + v1Entry(1000, 'playbook p', 'declare') + end, 'old.journal').chained).toBe(false);
  });

  it('refuses a journal of this format whose lines carry no digest chain', () => {
    const unchained = journalLine({ ...HEADER, formatVersion: JOURNAL_FORMAT_VERSION }) + entry(1000, 'declare') + end;
    expect(problem(unchained)).toBe('drill.journal:2:1: line 2 is not a line of the journal as it was written: it holds no digest of the line before it; the journal was changed after it was written');
  });
});
