import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { journalLine, type JournalEnd, type JournalEntry, type JournalHeader } from '../formats/journal.js';

/**
 * A journal on disk, written as the drill goes: one line per entry, each in a
 * single write and flushed, so a kill loses at most the line being written, and a replay
 * stops cleanly at the last whole one.
 */
export class JournalFile {
  private fd: number | undefined;

  constructor(
    readonly path: string,
    header: JournalHeader,
  ) {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    this.fd = openSync(path, 'w');
    this.write(journalLine(header));
  }

  append(entry: JournalEntry): void {
    this.write(journalLine(entry));
  }

  /** Writes the end line (the drill ran to its end) and closes the file. */
  finish(end: JournalEnd['end']): void {
    this.write(journalLine({ end }));
    this.close();
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private write(line: string): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, line);
    fsyncSync(this.fd);
  }
}
