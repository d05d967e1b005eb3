import { describe, expect, it } from 'vitest';
import { journalLine, parseJournal } from '../../src/formats/journal.js';
import { formatProblem, InputError } from '../../src/formats/source.js';

const header = journalLine({
  firedrill: '0.1.0',
  scenario: { id: 's', file: 'scenarios/s.yaml', digest: 'sha256:00' },
  seed: 3,
  playbook: null,
  watched: [],
});
const entry = (atMs: number, command: string) => journalLine({ atMs, by: 'team', command });
const end = journalLine({ end: { atMs: 90_000, verdict: 'PASS', result: 'sha256:ab' } });

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
  it('reads a complete journal: header, commands, end line', () => {
    const j = parseJournal(header + entry(1000, 'declare') + entry(5000, 'rollback-release') + end, 'drill.journal');
    expect(j.entries.map((e) => e.command)).toEqual(['declare', 'rollback-release']);
    expect(j.end).toEqual({ atMs: 90_000, verdict: 'PASS', result: 'sha256:ab' });
    expect(j.stopped).toBeUndefined();
  });

  it('replays up to the last whole line of a journal cut mid-line, and says where it stopped', () => {
    const cut = header + entry(1000, 'declare') + entry(5000, 'rollback-release').slice(0, 20);
    const j = parseJournal(cut, 'drill.journal');
    expect(j.entries).toHaveLength(1);
    expect(j.stopped).toEqual({ line: 3, why: 'line 3 was cut short; replaying the 1 commands before it' });
  });

  it('says so when a journal has no end line (an interrupted drill)', () => {
    expect(parseJournal(header + entry(1000, 'declare'), 'drill.journal').stopped?.why).toMatch(/interrupted/);
  });

  it('refuses a bad line in the middle, naming it', () => {
    expect(problem(header + 'oops\n' + entry(1000, 'declare'))).toBe('drill.journal:2:1: bad journal line: not a JSON line');
    expect(problem(header + entry(5000, 'a') + entry(1000, 'b'))).toBe('drill.journal:3:1: journal entries go back in time');
    expect(problem('')).toMatch(/drill\.journal:1:1: empty journal/);
    expect(problem('{"x":1}\n')).toMatch(/drill\.journal:1:1: not a firedrill journal header/);
  });
});
