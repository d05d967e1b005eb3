import { closeSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { Session } from '../drill/session.js';
import type { JournalEntry, JournalHeader } from '../formats/journal.js';
import { UsageError } from './io.js';
import { finishJournal, openJournal } from './journal.js';
import type { JournalFile } from './journal-file.js';
import { WriteError } from './write-file.js';

/**
 * Where `--journal` may write: not over a file that is there already (unless the user says
 * --force), and never over one of the drill's own input files, whatever they say.
 */
export function checkJournalPath(path: string, inputs: readonly string[], force: boolean, command: string): void {
  let existing: Stats;
  try {
    existing = lstatSync(path);
  } catch {
    return;
  }
  const target = existing.isSymbolicLink() ? statOrNull(path) : existing;
  const input = target && inputs.find((f) => sameFile(statOrNull(f), target));
  if (input) throw new UsageError(`--journal ${path} is ${input}, an input of this drill: give another file`, command);
  if (!force) throw new UsageError(`--journal ${path} exists already: give another file, or --force to replace it`, command);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function sameFile(a: Stats | null, b: Stats): boolean {
  return a !== null && a.dev === b.dev && a.ino === b.ino;
}

/**
 * A journal written as the drill goes, whose every write is checked: a failure (a full disk,
 * no permission) is a WriteError naming the file, and once the drill ends the file on disk is
 * checked to hold every line written, the end line whole (a short write does not fail by itself).
 */
export class CheckedJournal {
  private readonly file: JournalFile;

  constructor(
    readonly path: string,
    header: JournalHeader,
  ) {
    this.file = this.guard(() => openJournal(path, header));
  }

  append(entry: JournalEntry): void {
    this.guard(() => this.file.append(entry));
  }

  /** Writes the end line and checks the whole file reached the disk. */
  finish(session: Session): void {
    const before = this.file.bytesWritten;
    this.guard(() => finishJournal(this.file, session));
    const tail = this.guard(() => readFrom(this.path, before));
    const whole = tail.endsWith('\n') && tail.indexOf('\n') === tail.length - 1 && isEndLine(tail);
    if (!whole) throw new WriteError(this.path, `the journal on disk is short of what was written to it (the device may be full)`);
  }

  close(): void {
    this.file.close();
  }

  private guard<T>(step: () => T): T {
    try {
      return step();
    } catch (e) {
      this.file?.close();
      throw WriteError.of(this.path, e);
    }
  }
}

function isEndLine(line: string): boolean {
  try {
    return typeof (JSON.parse(line) as { end?: unknown }).end === 'object';
  } catch {
    return false;
  }
}

/** The bytes of a file from an offset on (a journal's end line: a few hundred bytes). */
function readFrom(path: string, offset: number): string {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    const chunk = Buffer.alloc(4096);
    for (let at = offset; ; ) {
      const n = readSync(fd, chunk, 0, chunk.length, at);
      if (n === 0) return Buffer.concat(chunks).toString('utf8');
      chunks.push(Buffer.from(chunk.subarray(0, n)));
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}
