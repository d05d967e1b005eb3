import { z } from 'zod';
import { InputError, type Problem } from './source.js';

/** The first line of a journal: what the drill was, so a replay can rebuild it. */
export const journalHeader = z.strictObject({
  firedrill: z.string(),
  scenario: z.strictObject({ id: z.string(), file: z.string(), digest: z.string() }),
  seed: z.number().int().nonnegative(),
  playbook: z.strictObject({ name: z.string(), digest: z.string() }).nullable(),
  /** Metrics the driver watched (a playbook's triggers and gates): the report names them. */
  watched: z.array(z.string()),
});

export const journalEntry = z.strictObject({ atMs: z.number().int().nonnegative(), by: z.string(), command: z.string() });

/** The last line of a journal whose drill ran to its end: what it came to, for `replay --verify`. */
export const journalEnd = z.strictObject({
  end: z.strictObject({ atMs: z.number().int().nonnegative(), verdict: z.enum(['PASS', 'FAIL']), result: z.string() }),
});

export type JournalHeader = z.infer<typeof journalHeader>;
/** One submitted command as the journal keeps it: enough to replay the drill exactly. */
export type JournalEntry = z.infer<typeof journalEntry>;
export type JournalEnd = z.infer<typeof journalEnd>;

export function journalLine(value: JournalHeader | JournalEntry | JournalEnd): string {
  return `${JSON.stringify(value)}\n`;
}

export interface ParsedJournal {
  header: JournalHeader;
  entries: JournalEntry[];
  end?: JournalEnd['end'];
  /** Set when the journal stops before its end line: the drill was interrupted, or the file cut mid-line. */
  stopped?: { line: number; why: string };
}

/**
 * Reads a journal (JSON lines). A last line cut mid-way (a kill during a write) is dropped and
 * reported with its line number; a bad line anywhere else is an error naming it.
 */
export function parseJournal(text: string, file: string): ParsedJournal {
  const lines = text.split('\n');
  const endsCleanly = text.endsWith('\n');
  if (endsCleanly) lines.pop();
  const problem = (line: number, message: string): Problem => ({ file, line, column: 1, path: '', message });
  if (lines.length === 0 || lines[0] === '') throw new InputError([problem(1, 'empty journal: expected a header line')]);
  const parseLine = (i: number): unknown => {
    try {
      return JSON.parse(lines[i]!);
    } catch {
      return undefined;
    }
  };
  const header = journalHeader.safeParse(parseLine(0));
  if (!header.success) throw new InputError([problem(1, `not a firedrill journal header: ${header.error.issues[0]!.message}`)]);
  const entries: JournalEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const value = parseLine(i);
    const entry = journalEntry.safeParse(value);
    if (entry.success) {
      if (entries.length > 0 && entry.data.atMs < entries.at(-1)!.atMs) throw new InputError([problem(i + 1, 'journal entries go back in time')]);
      entries.push(entry.data);
      continue;
    }
    const end = journalEnd.safeParse(value);
    if (end.success && i === lines.length - 1) return { header: header.data, entries, end: end.data.end };
    if (i === lines.length - 1 && !endsCleanly) {
      return { header: header.data, entries, stopped: { line: i + 1, why: `line ${i + 1} was cut short; replaying the ${entries.length} commands before it` } };
    }
    const why = value === undefined ? 'not a JSON line' : entry.error.issues[0]!.message.replace(/^Invalid input: /, '');
    throw new InputError([problem(i + 1, `bad journal line: ${why}`)]);
  }
  return { header: header.data, entries, stopped: { line: lines.length, why: 'the journal has no end line: the drill was interrupted' } };
}
