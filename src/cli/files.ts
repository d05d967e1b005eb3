import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError, MAX_FILE_BYTES } from '../formats/source.js';

/** Reads an input file, refusing what is missing, a folder, or too large, before reading it. */
export function readInput(path: string): string {
  const fail = (message: string): never => {
    throw new InputError([{ file: path, line: 1, column: 1, path: '', message }]);
  };
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) fail('is a folder, not a file');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    return fail((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read: ${(e as Error).message}`);
  }
  if (size > MAX_FILE_BYTES) fail(`file is ${size} bytes; scenarios and playbooks are limited to ${MAX_FILE_BYTES} bytes`);
  return readFileSync(path, 'utf8');
}

/** YAML files directly inside a folder, sorted by name. */
export function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Writes a file so that a reader never sees half of it: write a temporary file beside it,
 * flush it to disk, then rename it over the target.
 */
export function writeAtomic(path: string, text: string): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
}
