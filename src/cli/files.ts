import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import { MAX_FILE_BYTES } from '../formats/limits.js';
import { InputError } from '../formats/source.js';

/** A file that cannot be read as one: missing, a folder, a FIFO, too large. */
function refuse(path: string, message: string): never {
  throw new InputError([{ file: path, line: 1, column: 1, path: '', message }]);
}

/** What a path is, when it is not a regular file: said in the words of `ls -l`. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a file could not be opened, as a person reads it. */
export function openError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'ELOOP':
      return 'a loop of symbolic links: it leads to no file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    default:
      return `cannot read: ${e.message}`;
  }
}

/**
 * Opens a regular file for reading, refusing anything else before a byte is read: opened
 * without blocking, a FIFO with no writer cannot hold the command up, and a device such as
 * /dev/zero is refused rather than read for ever.
 */
export function openRegular(path: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return refuse(path, openError(e as NodeJS.ErrnoException));
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    refuse(path, st.isDirectory() ? 'is a folder, not a file' : `is ${kindOf(st)}, not a regular file`);
  }
  return { fd, size: st.size };
}

/**
 * Reads a whole input file of at most `limitBytes`, refusing a larger one. The limit holds on
 * what is read (one byte past it at most), not on what the file system said beforehand.
 */
export function readBounded(path: string, limitBytes: number, what: string): Buffer {
  const { fd, size } = openRegular(path);
  try {
    if (size > limitBytes) refuse(path, `file is ${size} bytes; ${what} are limited to ${limitBytes} bytes`);
    const chunk = Buffer.alloc(Math.min(limitBytes + 1, 1 << 20));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, limitBytes + 1 - total), null);
      if (n === 0) return Buffer.concat(chunks, total);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
      total += n;
      if (total > limitBytes) refuse(path, `file is larger than ${limitBytes} bytes, the limit for ${what}`);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a name given for a scenario or playbook is meant as a file: it names a folder, ends
 * in .yaml or .yml, or is a symbolic link (even one that leads nowhere). Such a name that
 * cannot be read is a missing file, not an unknown built-in name.
 */
export function meantAsFile(arg: string): boolean {
  if (arg.includes('/') || arg.includes(sep) || /\.ya?ml$/i.test(arg)) return true;
  try {
    return lstatSync(arg).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Reads a scenario or playbook file, refusing what is missing, not a regular file, or too large. */
export function readInput(path: string): string {
  return readBounded(path, MAX_FILE_BYTES, 'scenarios and playbooks').toString('utf8');
}

/** YAML files directly inside a folder, sorted by name. */
export function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}
