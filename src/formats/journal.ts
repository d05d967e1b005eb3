import { z } from 'zod';
import { InputError, type Problem } from './source.js';

/**
 * A journal is JSON lines: a header saying what the drill was, one line per thing that happened
 * to it from outside (a command, an inject, a hint, a note, the facilitator's end), and, when the
 * drill ran to its end, an end line with what it came to. Readers ignore fields they do not know,
 * so a later version adds fields without breaking this one; a change in meaning bumps the version.
 */
export const JOURNAL_FORMAT = 'firedrill-journal';
export const JOURNAL_FORMAT_VERSION = 2;

/** Longer notes are cut to this: a journal line stays something a person can read. */
export const MAX_NOTE_CHARS = 2000;
const MAX_NAME_CHARS = 200;
const MAX_COMMAND_CHARS = 4000;
const MAX_PLAYBOOKS = 16;

/** `run`: headless; `team`: people at the keyboard; `watch`: the audience watches a playbook drive the screen; `training`: one learner. */
export const JOURNAL_MODES = ['run', 'team', 'watch', 'training'] as const;
export type JournalMode = (typeof JOURNAL_MODES)[number];
/** Who executes the drill's commands. */
export type Executor = 'automated' | 'people';
/** `driver`: the playbook that executes; `reference`: one only shown (the best play, for the debrief). */
export type PlaybookRole = 'driver' | 'reference';

const name = z.string().min(1).max(MAX_NAME_CHARS);
const digest = z.string().min(1).max(MAX_NAME_CHARS);
const atMs = z.number().int().nonnegative();

export const journalHeaderSchema = z.object({
  format: z.literal(JOURNAL_FORMAT),
  formatVersion: z.number().int().positive(),
  /** The Firedrill version that recorded it. */
  firedrill: z.string(),
  /** The simulation's behaviour version (WORLD_VERSION) that recorded it. */
  worldVersion: z.number().int().nonnegative(),
  scenario: z.object({ id: name, file: z.string(), digest }),
  seed: z.number().int().nonnegative(),
  mode: z.enum(JOURNAL_MODES),
  executor: z.enum(['automated', 'people']),
  /** Every playbook or rollout config the drill used, with its part in it. */
  playbooks: z.array(z.object({ name, digest, role: z.enum(['driver', 'reference']) })).max(MAX_PLAYBOOKS),
  /** Metrics the driver watched (a playbook's triggers and gates): the report names them. */
  watched: z.array(name),
});

const command = z.object({ atMs, kind: z.literal('command'), by: name, command: z.string().min(1).max(MAX_COMMAND_CHARS) });
const inject = z.object({ atMs, kind: z.literal('inject'), by: name, inject: name });
/** `index` counts the scenario's hints from 0. */
const hint = z.object({ atMs, kind: z.literal('hint'), by: name, index: z.number().int().nonnegative() });
const note = z.object({ atMs, kind: z.literal('note'), by: name, text: z.string().max(MAX_NOTE_CHARS) });
const end = z.object({ atMs, kind: z.literal('end'), by: name });
export const journalEntrySchema = z.discriminatedUnion('kind', [command, inject, hint, note, end]);
const ENTRY_KINDS = ['command', 'inject', 'hint', 'note', 'end'];

/** The last line of a journal whose drill ran to its end: what it came to, for `replay --verify`. */
export const journalEndSchema = z.object({
  end: z.object({ atMs, verdict: z.enum(['PASS', 'FAIL']), result: digest }),
});

export type JournalHeader = z.infer<typeof journalHeaderSchema>;
/** One thing that happened to the drill from outside, as the journal keeps it: enough to replay it exactly. */
export type JournalEntry = z.infer<typeof journalEntrySchema>;
export type JournalEnd = z.infer<typeof journalEndSchema>;

/** A header as read: a version 1 journal recorded no world version. */
export type RecordedHeader = Omit<JournalHeader, 'worldVersion'> & { worldVersion: number | null };

export function journalLine(value: JournalHeader | JournalEntry | JournalEnd): string {
  return `${JSON.stringify(value)}\n`;
}

export interface ParsedJournal {
  header: RecordedHeader;
  entries: JournalEntry[];
  /** The line each entry was read from, for messages about it. */
  lines: number[];
  end?: JournalEnd['end'];
  /** Set when the journal stops before its end line: the drill was interrupted, or the file cut mid-line. */
  stopped?: { line: number; why: string };
  /** Entries of kinds this version does not know, in a journal of a later format: left out of the replay. */
  skipped?: { count: number; kinds: string[] };
}

/**
 * Version 1, written by `run --journal` before the format was versioned: a playbook drill, its
 * commands, and the facilitator's injects as `inject ID` commands.
 */
const v1 = {
  header: z.strictObject({
    firedrill: z.string(),
    scenario: z.strictObject({ id: z.string(), file: z.string(), digest: z.string() }),
    seed: z.number().int().nonnegative(),
    playbook: z.strictObject({ name: z.string(), digest: z.string() }).nullable(),
    watched: z.array(z.string()),
  }),
  entry: z.strictObject({ atMs, by: z.string(), command: z.string() }),
};

function upgradeHeader(h: z.infer<typeof v1.header>): RecordedHeader {
  return {
    format: JOURNAL_FORMAT,
    formatVersion: 1,
    firedrill: h.firedrill,
    worldVersion: null,
    scenario: h.scenario,
    seed: h.seed,
    mode: 'run',
    executor: 'automated',
    playbooks: h.playbook ? [{ ...h.playbook, role: 'driver' }] : [],
    watched: h.watched,
  };
}

function upgradeEntry(e: z.infer<typeof v1.entry>): JournalEntry {
  const inject = /^inject (\S+)$/.exec(e.command);
  if (inject && e.by === 'facilitator') return { atMs: e.atMs, kind: 'inject', by: e.by, inject: inject[1]! };
  return { atMs: e.atMs, kind: 'command', by: e.by, command: e.command };
}

const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0]!;
  const at = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${at}${issue.message.replace(/^Invalid input: /, '')}`;
};

/**
 * Reads a journal (JSON lines) of this format version or an earlier one. A last line cut mid-way
 * (a kill during a write) is dropped and reported with its line number; a bad line anywhere else
 * is an error naming it.
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
  const first = parseLine(0);
  const versioned = typeof first === 'object' && first !== null && 'format' in first;
  let header: RecordedHeader;
  let readEntry: (value: unknown) => { entry: JournalEntry } | { error: string } | { unknownKind: string };
  if (versioned) {
    const h = journalHeaderSchema.safeParse(first);
    if (!h.success) throw new InputError([problem(1, `not a firedrill journal header: ${firstIssue(h.error)}`)]);
    header = h.data;
    const later = header.formatVersion > JOURNAL_FORMAT_VERSION;
    readEntry = (value) => {
      const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
      if (typeof kind === 'string' && !ENTRY_KINDS.includes(kind)) {
        if (later) return { unknownKind: kind };
        return { error: `unknown entry kind '${kind}' (expected ${ENTRY_KINDS.join(', ')})` };
      }
      const e = journalEntrySchema.safeParse(value);
      return e.success ? { entry: e.data } : { error: value === undefined ? 'not a JSON line' : firstIssue(e.error) };
    };
  } else {
    const h = v1.header.safeParse(first);
    if (!h.success) throw new InputError([problem(1, `not a firedrill journal header: ${firstIssue(h.error)}`)]);
    header = upgradeHeader(h.data);
    readEntry = (value) => {
      const e = v1.entry.safeParse(value);
      return e.success ? { entry: upgradeEntry(e.data) } : { error: value === undefined ? 'not a JSON line' : firstIssue(e.error) };
    };
  }
  const out: ParsedJournal = { header, entries: [], lines: [] };
  const skipped = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const value = parseLine(i);
    const read = readEntry(value);
    if ('entry' in read) {
      const previous = out.entries.at(-1);
      if (previous && read.entry.atMs < previous.atMs) throw new InputError([problem(i + 1, 'journal entries go back in time')]);
      if (previous?.kind === 'end') throw new InputError([problem(i + 1, `an entry after the drill was ended (line ${out.lines.at(-1)})`)]);
      out.entries.push(read.entry);
      out.lines.push(i + 1);
      continue;
    }
    if ('unknownKind' in read) {
      skipped.set(read.unknownKind, (skipped.get(read.unknownKind) ?? 0) + 1);
      continue;
    }
    const endLine = journalEndSchema.safeParse(value);
    if (endLine.success && i === lines.length - 1) {
      out.end = endLine.data.end;
      break;
    }
    if (i === lines.length - 1 && !endsCleanly) {
      const n = out.entries.length;
      out.stopped = { line: i + 1, why: `line ${i + 1} was cut short; replaying the ${n} ${n === 1 ? 'entry' : 'entries'} before it` };
      break;
    }
    throw new InputError([problem(i + 1, `bad journal line: ${read.error}`)]);
  }
  if (!out.end && !out.stopped) out.stopped = { line: lines.length, why: 'the journal has no end line: the drill was interrupted' };
  if (skipped.size > 0) out.skipped = { count: [...skipped.values()].reduce((a, b) => a + b, 0), kinds: [...skipped.keys()] };
  return out;
}
