import { closeSync, fsyncSync, readSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { MAX_RESULT_BYTES, MAX_RESULT_LINE_CHARS } from '../formats/limits.js';
import { InputError } from '../formats/source.js';
import { openRegular } from './files.js';
import { createTemp, discardTemp, writeAll, WriteError } from './write-file.js';

const CHUNK_BYTES = 1 << 20;

/**
 * A file written piece by piece that appears whole or not at all, like writeAtomic: pieces go
 * to a temporary file beside the target (buffered), which is flushed to disk and renamed over
 * the target on commit. For outputs that grow with the number of drills. Any failure to write
 * removes the temporary file and throws a WriteError naming the target.
 */
export class AtomicFile {
  readonly temp: string;
  private fd: number | null;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(readonly path: string) {
    const { temp, fd } = createTemp(path);
    this.temp = temp;
    this.fd = fd;
  }

  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= CHUNK_BYTES) this.guard(() => this.flush());
  }

  private flush(): void {
    if (this.fd === null) throw new Error(`${this.path} is already closed`);
    if (this.buffered > 0) writeAll(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }

  /** Flushes the temporary file to disk and closes it; it can then be read, committed or aborted. */
  close(): void {
    if (this.fd === null) return;
    this.guard(() => {
      this.flush();
      const fd = this.fd!;
      this.fd = null;
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    });
  }

  /** Puts the finished file in place of `target` (the path given, by default). */
  commit(target = this.path): void {
    this.close();
    this.guard(() => renameSync(this.temp, resolve(target)));
  }

  /** Closes and removes the temporary file: the target is left as it was. */
  abort(): void {
    discardTemp(this.fd, this.temp);
    this.fd = null;
  }

  /** Runs a step of writing; on failure, removes the temporary file and says which file failed. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (e) {
      this.abort();
      throw WriteError.of(this.path, e);
    }
  }
}

/**
 * The lines of a result file (without their line breaks), read a chunk at a time. A file that
 * is not a regular file, larger than MAX_RESULT_BYTES, or with a line longer than
 * MAX_RESULT_LINE_CHARS is refused as it is read: no result file of firedrill's comes near.
 */
export function* fileLines(path: string, limits = { bytes: MAX_RESULT_BYTES, lineChars: MAX_RESULT_LINE_CHARS }): Generator<string> {
  const { fd } = openRegular(path);
  const decoder = new StringDecoder('utf8');
  const chunk = Buffer.alloc(CHUNK_BYTES);
  const refuse = (line: number, message: string): never => {
    throw new InputError([{ file: path, line, column: 1, path: '', message: `${message} (a result file is the report.json that firedrill run writes)` }]);
  };
  const tooLong = (n: number): never => refuse(n, `line ${n} is longer than ${limits.lineChars} characters, the limit for a line of a result file`);
  let rest = '';
  let total = 0;
  let line = 1;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      total += n;
      if (total > limits.bytes) refuse(line, `the file is larger than ${limits.bytes} bytes, the limit for result files`);
      const parts = (rest + decoder.write(chunk.subarray(0, n))).split('\n');
      rest = parts.pop()!;
      for (const p of parts) {
        if (p.length > limits.lineChars) tooLong(line);
        yield p;
        line++;
      }
      if (rest.length > limits.lineChars) tooLong(line);
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}
