import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { JournalEnd, JournalEntry, JournalHeader } from '../formats/journal.js';
import { JournalChain } from '../formats/journal-chain.js';

/**
 * A journal on disk, written as the drill goes: one line per entry, each in a
 * single write and flushed, so a kill loses at most the line being written, and a replay
 * stops cleanly at the last whole one. Each line carries the digest of the one before it.
 */
export class JournalFile {
  private fd: number | undefined;
  private readonly chain: JournalChain;
  /** Bytes handed to the file so far. */
  bytesWritten = 0;

  constructor(
    readonly path: string,
    header: JournalHeader,
  ) {
    this.chain = new JournalChain(header);
    mkdirSync(dirname(resolve(path)), { recursive: true });
    this.fd = openSync(path, 'w');
    this.write(this.chain.headerLine);
  }

  append(entry: JournalEntry): void {
    this.write(this.chain.entryLine(entry));
  }

  /** Writes the end line (the drill ran to its end) and closes the file. */
  finish(end: JournalEnd['end']): void {
    this.write(this.chain.endLine(end));
    this.close();
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private write(line: string): void {
    if (this.fd === undefined) return;
    // A write may take fewer bytes than it was given: go on until the whole line is down.
    const bytes = Buffer.from(line);
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done);
    fsyncSync(this.fd);
    this.bytesWritten += bytes.length;
  }
}
