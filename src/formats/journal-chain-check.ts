import { digestOf } from './journal-digest.js';
import { InputError } from './source.js';

/** What the chain check reads of one line: the digest it holds of the line before, and whether it is the end line. */
interface Link {
  text: string;
  /** SHA-256 of the line's bytes with their newline, as the next line holds it. */
  digest: string;
  prev: string | undefined;
  end: { value: unknown; journal: string | undefined } | undefined;
}

function linkOf(text: string, value: unknown): Link {
  const fields = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const prev = typeof fields.prev === 'string' ? fields.prev : undefined;
  const isEnd = typeof fields.end === 'object' && fields.end !== null;
  const journal = typeof fields.journal === 'string' ? fields.journal : undefined;
  return { text, digest: digestOf(`${text}\n`), prev, end: isEnd ? { value: fields.end, journal } : undefined };
}

/** The line a change was made at, and what the chain tells of it. */
interface Finding {
  line: number;
  message: string;
}

const changed = (line: number, message: string): Finding => ({ line, message });
const AFTER = 'the journal was changed after it was written';

/**
 * Checks the digest chain of a journal of a chained format (see JournalChain) and throws an
 * InputError naming the first line that is not as it was written. `lines` are the journal's
 * lines without their newlines, `values` each parsed (undefined where a line is not JSON); a last
 * line cut by a kill is left out by the caller. A line is known as written when the line after
 * it holds its digest (the end line, when its digest of the journal matches), so a change is
 * named at the line it was made in: a broken link is the line before it when the line after
 * vouches for the later one, or the later one when it does not. A chain is no signature: whoever
 * rewrites every digest after a change goes unseen, and so do lines cut from the end of a journal
 * (a killed drill's journal looks the same).
 */
export function checkChain(lines: readonly string[], values: readonly unknown[], file: string): void {
  const finding = firstChange(lines.map((text, i) => linkOf(text, values[i])));
  if (finding) throw new InputError([{ file, line: finding.line, column: 1, path: '', message: finding.message }]);
}

function firstChange(links: readonly Link[]): Finding | undefined {
  const holds = (i: number) => links[i]!.prev === links[i - 1]!.digest;
  for (let i = 1; i < links.length; i++) {
    if (links[i - 1]!.end) return changed(i + 1, `line ${i + 1} follows the end line (line ${i}): it was added after the journal was written`);
    if (!holds(i)) return brokenLink(links, i, holds);
  }
  const last = links.length - 1;
  if (links[last]!.end && !endHolds(links, last)) {
    return changed(last + 1, `the end line is not as it was written (its digest of the journal does not match): ${AFTER}, at its end line`);
  }
  return undefined;
}

/** Line `i` (counted from 0) does not hold the digest of the line before it: which of the two changed. */
function brokenLink(links: readonly Link[], i: number, holds: (i: number) => boolean): Finding {
  const line = i + 1;
  const link = links[i]!;
  const written = writtenAfter(links, i);
  const intact = asWritten(links, i, holds);
  if (intact === false) {
    if (link.end) return changed(line, `the end line is not as it was written (its digest of the line before it does not match): ${AFTER}, at its end line`);
    const why =
      link.prev === undefined
        ? 'it holds no digest of the line before it'
        : written !== undefined
          ? `it was written after line ${written + 1}, not after line ${line - 1}: lines were moved`
          : `neither its digest of line ${line - 1} nor line ${line + 1}'s digest of it match`;
    return changed(line, `line ${line} is not a line of the journal as it was written: ${why}; ${AFTER}`);
  }
  if (written !== undefined && written < i - 1) {
    const first = written + 2;
    const lines = first === line - 1 ? `line ${first} was` : `lines ${first} to ${line - 1} were`;
    return changed(first, `${lines} inserted after the journal was written: line ${line} holds the digest of line ${written + 1}, the line written before it`);
  }
  // The last line of a killed drill's journal has no line after it to vouch for it: the line
  // before it is the likelier one changed (people edit what a line says, not its digest), but say both.
  const orLast = intact === undefined ? `, or at line ${line}, for which no later line vouches` : '';
  return changed(line - 1, `line ${line - 1} is not the line that was written before line ${line} (line ${line} holds the digest of another): ${AFTER}, at line ${line - 1} or by removing a line after it${orLast}`);
}

/**
 * Whether line `i`, whose own link is broken, is as it was written, as far as a later line can
 * tell: the next line holds its digest; for the end line, its digest of the journal would not
 * match had it held the right digest of the line before it. Unknown for the last line of a
 * killed drill's journal; never so for a line that holds no digest at all.
 */
function asWritten(links: readonly Link[], i: number, holds: (i: number) => boolean): boolean | undefined {
  if (links[i]!.prev === undefined) return false;
  if (i + 1 < links.length) return holds(i + 1);
  if (links[i]!.end) return !endHolds(links, i, links[i - 1]!.digest);
  return undefined;
}

/** The line (counted from 0) whose digest line `i` holds, if it is another line of the journal than the one before it. */
function writtenAfter(links: readonly Link[], i: number): number | undefined {
  const prev = links[i]!.prev;
  if (prev === undefined) return undefined;
  const at = links.findIndex((l, j) => j !== i - 1 && l.digest === prev);
  return at === -1 ? undefined : at;
}

/**
 * Whether the end line's digest of the journal matches: the digest of every line before it,
 * then the end line as it reads without its `journal` field. With `prev`, as if the end line held
 * that digest of the line before it (to tell a changed end line from a changed line before it).
 */
function endHolds(links: readonly Link[], i: number, prev?: string): boolean {
  const { text, end } = links[i]!;
  if (end?.journal === undefined) return false;
  let unsigned: string;
  if (prev === undefined) {
    const field = `,"journal":"${end.journal}"}`;
    if (!text.endsWith(field)) return false;
    unsigned = `${text.slice(0, -field.length)}}`;
  } else {
    unsigned = JSON.stringify({ end: end.value, prev });
  }
  const before = links.slice(0, i).map((l) => `${l.text}\n`);
  return digestOf(`${before.join('')}${unsigned}\n`) === end.journal;
}

/**
 * A journal whose header says it is of a format without a chain, but whose lines carry one,
 * was of a chained format: its header was changed, and with it the check of every line.
 */
export function checkNoChain(values: readonly unknown[], formatVersion: number, file: string): void {
  const at = values.findIndex((v, i) => i > 0 && typeof v === 'object' && v !== null && 'prev' in v);
  if (at === -1) return;
  throw new InputError([
    {
      file,
      line: 1,
      column: 1,
      path: '',
      message: `the header says journal format ${formatVersion}, which has no digest chain, but line ${at + 1} carries one (prev): the header was changed after the journal was written`,
    },
  ]);
}
