import { z } from 'zod';
import { checkChain, checkNoChain } from './journal-chain-check.js';
import { InputError, type Problem } from './source.js';

/**
 * A journal is JSON lines: a header saying what the drill was, one line per thing that happened
 * to it from outside (a command, an inject, a hint, a note, the facilitator's end), and, when the
 * drill ran to its end, an end line with what it came to. Readers ignore fields they do not know,
 * so a later version adds fields without breaking this one; a change in meaning bumps the version.
 *
 * From format 3 a journal is evidence of what happened: every line after the header carries
 * `prev`, `sha256:` and the hex SHA-256 of the exact bytes of the line before it, newline
 * included (`sed -n 1p drill.jsonl | sha256sum` for the header), and the end line also carries
 * `journal`, the SHA-256 of every byte before the end line followed by the end line as it reads
 * without that field, so it vouches for the whole journal and for itself. A changed, removed,
 * inserted or moved line breaks a link and is refused, naming the line; a last line cut by a
 * kill is not a change. The chain holds no secret: it shows a journal was changed unless whoever
 * changed it wrote every digest after the change again, and lines removed from the end look like a
 * killed drill (`replay --verify` needs the end line). Format 2 is format 3 without the chain;
 * format 1 is described below. Later formats keep the chain as it is.
 */
export const JOURNAL_FORMAT = 'firedrill-journal';
export const JOURNAL_FORMAT_VERSION = 3;
/** The first format whose lines carry a digest chain. */
export const CHAINED_FROM_VERSION = 3;
/** Formats whose lines mean what this version's mean, so that a replay of them can be verified here: 2 is 3 without the chain. */
export const VERIFIABLE_FORMAT_VERSIONS: readonly number[] = [2, 3];

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

/** One line of a journal as JSON writes it; a chained format's lines go through JournalChain, which adds the digests. */
export function journalLine(value: JournalHeader | JournalEntry | JournalEnd | Record<string, unknown>): string {
  return `${JSON.stringify(value)}\n`;
}

export interface ParsedJournal {
  header: RecordedHeader;
  /** Whether the journal carries a digest chain (format 3 on), which was checked whole. */
  chained: boolean;
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

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * Reads a journal (JSON lines) of this format version or an earlier one. A last line cut mid-way
 * (a kill during a write) is dropped and reported with its line number; a bad line anywhere else
 * is an error naming it, and in a chained format a line not as it was written is one too, found
 * before anything else is read of it.
 */
export function parseJournal(text: string, file: string): ParsedJournal {
  const lines = text.split('\n');
  const endsCleanly = text.endsWith('\n');
  if (endsCleanly) lines.pop();
  const problem = (line: number, message: string): Problem => ({ file, line, column: 1, path: '', message });
  if (lines.length === 0 || lines[0] === '') throw new InputError([problem(1, 'empty journal: expected a header line')]);
  const values = lines.map(parseLine);
  const first = values[0];
  const versioned = typeof first === 'object' && first !== null && 'format' in first;
  let header: RecordedHeader;
  let readEntry: (value: unknown) => { entry: JournalEntry } | { error: string } | { unknownKind: string };
  if (versioned) {
    const h = journalHeaderSchema.safeParse(first);
    if (!h.success) throw new InputError([problem(1, `not a firedrill journal header: ${firstIssue(h.error)}`)]);
    header = h.data;
    checkLinks(lines, values, endsCleanly, header.formatVersion, file);
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
    checkNoChain(values, 1, file);
    readEntry = (value) => {
      const e = v1.entry.safeParse(value);
      return e.success ? { entry: upgradeEntry(e.data) } : { error: value === undefined ? 'not a JSON line' : firstIssue(e.error) };
    };
  }
  const out: ParsedJournal = { header, chained: header.formatVersion >= CHAINED_FROM_VERSION, entries: [], lines: [] };
  const skipped = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const value = values[i];
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

/** Checks a journal's digest chain, or that it carries none if its format has none. A last line cut mid-way holds no link to check. */
function checkLinks(lines: readonly string[], values: readonly unknown[], endsCleanly: boolean, formatVersion: number, file: string): void {
  if (formatVersion < CHAINED_FROM_VERSION) return checkNoChain(values, formatVersion, file);
  const whole = endsCleanly || values.at(-1) !== undefined ? lines.length : lines.length - 1;
  checkChain(lines.slice(0, whole), values.slice(0, whole), file);
}
