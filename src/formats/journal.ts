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

export type JournalHeader = z.infer<typeof journalHeader>;
/** One submitted command as the journal keeps it: enough to replay the drill exactly. */
export type JournalEntry = z.infer<typeof journalEntry>;

export function journalLine(value: JournalHeader | JournalEntry): string {
  return `${JSON.stringify(value)}\n`;
}

export interface ParsedJournal {
  header: JournalHeader;
  entries: JournalEntry[];
  /** Set when the file ends in a line cut short (a drill killed mid-write): what was kept. */
  truncated?: { line: number; keptEntries: number };
}

/**
 * Reads a journal (JSON lines). A last line cut mid-way is dropped and reported; a bad line
 * anywhere else is an error naming it.
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
  if (!header.success) throw new InputError([problem(1, `bad journal header: ${header.error.issues[0]!.message}`)]);
  const entries: JournalEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const entry = journalEntry.safeParse(parseLine(i));
    if (entry.success) {
      entries.push(entry.data);
      continue;
    }
    if (i === lines.length - 1 && !endsCleanly) return { header: header.data, entries, truncated: { line: i + 1, keptEntries: entries.length } };
    throw new InputError([problem(i + 1, `bad journal line: ${entry.error.issues[0]!.message}`)]);
  }
  return { header: header.data, entries };
}
