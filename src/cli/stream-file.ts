import { closeSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 1 << 20;

/**
 * A file written piece by piece that appears whole or not at all, like writeAtomic: pieces go
 * to a temporary file beside the target (buffered), which is flushed to disk and renamed over
 * the target on commit. For outputs that grow with the number of drills.
 */
export class AtomicFile {
  readonly temp: string;
  private fd: number | null;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(readonly path: string) {
    const target = resolve(path);
    mkdirSync(dirname(target), { recursive: true });
    this.temp = `${target}.${process.pid}.tmp`;
    this.fd = openSync(this.temp, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= CHUNK_BYTES) this.flush();
  }

  private flush(): void {
    if (this.fd === null) throw new Error(`${this.path} is already closed`);
    if (this.buffered > 0) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }

  /** Flushes the temporary file to disk and closes it; it can then be read, committed or aborted. */
  close(): void {
    if (this.fd === null) return;
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }

  /** Puts the finished file in place of `target` (the path given, by default). */
  commit(target = this.path): void {
    this.close();
    renameSync(this.temp, resolve(target));
  }

  /** Closes and removes the temporary file: the target is left as it was. */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.temp, { force: true });
  }
}

/** The lines of a file (without their line breaks), read a chunk at a time. */
export function* fileLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  const decoder = new StringDecoder('utf8');
  const chunk = Buffer.alloc(CHUNK_BYTES);
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      const parts = (rest + decoder.write(chunk.subarray(0, n))).split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}
