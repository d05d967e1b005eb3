import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * A file could not be written: a full disk, no permission, a read-only mount. The environment,
 * not the user's input and not a bug: exit 2, naming the file and why.
 */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(`cannot write ${file}: ${why}`);
    this.name = 'WriteError';
  }

  /** The error of writing `file`, whatever step of it failed (making its folder, say). */
  static of(file: string, e: unknown): WriteError {
    if (e instanceof WriteError) return e.file === file ? e : new WriteError(file, e.why);
    return new WriteError(file, reason(e as NodeJS.ErrnoException));
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EISDIR: 'a folder has that name',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EIO: 'an input/output error on the device',
  EFBIG: 'the file is too large for the file system',
  ENOENT: 'a folder of the path does not exist and cannot be made',
};

function reason(e: NodeJS.ErrnoException): string {
  const code = typeof e.code === 'string' ? e.code : undefined;
  const known = code ? REASONS[code] : undefined;
  return known ? `${known} (${code})` : e.message;
}

/**
 * Makes a folder and the folders above it that are missing, one at a time. Node's own
 * recursive mkdir never returns on some paths it cannot make (under /proc, for one).
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    let st: Stats | undefined;
    try {
      st = statSync(at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw WriteError.of(dir, e);
    }
    if (st) {
      if (!st.isDirectory()) throw new WriteError(dir, `${at} is a file, not a folder`);
      break;
    }
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw WriteError.of(dir, e);
    }
  }
}

/** Writes every byte, however many calls it takes: one write may take only part (a full disk does). */
export function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  let done = 0;
  while (done < bytes.length) {
    const n = writeSync(fd, bytes, done, bytes.length - done);
    if (n <= 0) throw Object.assign(new Error('the device accepted no more bytes'), { code: 'EIO' });
    done += n;
  }
}

/**
 * A new temporary file beside `target`, created exclusively under a name no one can guess: a
 * file or symbolic link planted in advance is refused, never followed or written through.
 */
export function createTemp(target: string): { temp: string; fd: number } {
  const path = resolve(target);
  const temp = join(dirname(path), `${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  try {
    makeFolder(dirname(path));
    return { temp, fd: openSync(temp, 'wx', 0o644) };
  } catch (e) {
    throw WriteError.of(target, e);
  }
}

/** Flushes and closes a finished temporary file and renames it over the target. */
export function commitTemp(fd: number, temp: string, target: string): void {
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, resolve(target));
}

/** Removes a file if it is there; failing to is a WriteError naming it. */
export function removeFile(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch (e) {
    throw WriteError.of(path, e);
  }
}

/** Closes and removes a temporary file whatever state it is in: the target is left as it was. */
export function discardTemp(fd: number | null, temp: string): void {
  if (fd !== null) {
    try {
      closeSync(fd);
    } catch {
      // Already closed, or the close itself failed: the file goes either way.
    }
  }
  rmSync(temp, { force: true });
}

/**
 * Writes a file so that a reader never sees half of it: write a temporary file beside it,
 * flush it to disk, then rename it over the target. A failed write leaves the previous file
 * (or none) and no temporary file, and throws a WriteError naming the file.
 */
export function writeAtomic(path: string, text: string): void {
  const { temp, fd } = createTemp(path);
  let open: number | null = fd;
  try {
    writeAll(fd, text);
    open = null;
    commitTemp(fd, temp, path);
  } catch (e) {
    discardTemp(open, temp);
    throw WriteError.of(path, e);
  }
}

/**
 * Appends to a file someone else owns (a CI job summary): all of the text, or none of it, the
 * file cut back to where it was if the write fails half-way.
 */
export function appendChecked(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (e) {
    throw WriteError.of(path, e);
  }
  const before = fstatSync(fd).size;
  try {
    writeAll(fd, text);
  } catch (e) {
    try {
      ftruncateSync(fd, before);
    } catch {
      // The file stays as the failed write left it; the error below says so.
    }
    throw WriteError.of(path, e);
  } finally {
    closeSync(fd);
  }
}
