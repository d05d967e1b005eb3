import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user folder where a running play listens for its facilitator's screen. Whoever can
 * open the socket there sees the drill's hidden truth and can end it, so the folder must be
 * the user's own and closed to everyone else.
 */
export class RuntimeFolderError extends Error {
  override name = 'RuntimeFolderError';
}

/** Unix socket paths are limited to about 104 bytes (macOS) or 108 (Linux). */
const MAX_SOCKET_PATH_BYTES = 100;
const SOCKET_NAME = /^play-(\d+)\.sock$/;

export function currentUid(): number {
  return process.getuid?.() ?? userInfo().uid;
}

/** $XDG_RUNTIME_DIR/firedrill when set, else a folder of this user's under the temporary folder. */
export function runtimeFolder(env: Readonly<Record<string, string | undefined>>, uid = currentUid(), tmp = tmpdir()): string {
  const xdg = env.XDG_RUNTIME_DIR;
  return xdg ? join(xdg, 'firedrill') : join(tmp, `firedrill-${uid}`);
}

/** The socket a play with this process id listens on. */
export function playSocketPath(folder: string, pid: number): string {
  const path = join(folder, `play-${pid}.sock`);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) {
    throw new RuntimeFolderError(`the socket path ${path} is longer than ${MAX_SOCKET_PATH_BYTES} bytes, too long for a Unix socket; set XDG_RUNTIME_DIR to a shorter folder`);
  }
  return path;
}

/** Refuses a folder that is not a real folder of this user's, closed to group and others. */
export function checkRuntimeFolder(path: string, uid = currentUid()): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) throw new RuntimeFolderError(`${path} is a symbolic link; firedrill keeps its sockets only in a real folder of yours. Remove it, or set XDG_RUNTIME_DIR`);
  if (!st.isDirectory()) throw new RuntimeFolderError(`${path} is not a folder; remove it, or set XDG_RUNTIME_DIR to a folder of yours`);
  if (st.uid !== uid) {
    throw new RuntimeFolderError(`${path} belongs to user ${st.uid}, not to you (${uid}): its owner could watch and steer your drills. Remove it, or set XDG_RUNTIME_DIR to a folder of yours`);
  }
  if ((st.mode & 0o077) !== 0) {
    const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
    throw new RuntimeFolderError(`${path} has mode ${mode}, open to other users; firedrill needs it owner-only (0700). Fix it with: chmod 700 ${path}`);
  }
}

/** Creates the folder owner-only, or checks the one that is there. */
export function ensureRuntimeFolder(path: string, uid = currentUid()): void {
  try {
    mkdirSync(path, { mode: 0o700 });
    // mkdir's mode passes through the umask, which may take away the owner's own rights.
    chmodSync(path, 0o700);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') throw new RuntimeFolderError(`cannot create ${path} for the facilitator's socket: ${(e as Error).message}`);
  }
  checkRuntimeFolder(path, uid);
}

export interface PlaySocket {
  path: string;
  pid: number;
  /** The play's process still runs. */
  alive: boolean;
  /** The play's command line, where the system shows it. */
  command?: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandOf(pid: number): string | undefined {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
    const at = args.indexOf('play');
    return at < 0 ? undefined : `firedrill ${args.slice(at).join(' ')}`;
  } catch {
    return undefined;
  }
}

/** The plays' sockets in the folder, by process id; none when the folder does not exist. */
export function playSockets(folder: string): PlaySocket[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const found: PlaySocket[] = [];
  for (const name of names) {
    const m = SOCKET_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const alive = processAlive(pid);
    const command = alive ? commandOf(pid) : undefined;
    found.push({ path: join(folder, name), pid, alive, ...(command ? { command } : {}) });
  }
  return found.sort((a, b) => a.pid - b.pid);
}

/** Removes the sockets of plays that died without cleaning up (a kill -9, a power cut). */
export function removeStaleSockets(folder: string): void {
  for (const s of playSockets(folder)) {
    if (s.alive) continue;
    try {
      if (lstatSync(s.path).isSocket()) unlinkSync(s.path);
    } catch {
      // Gone already, or not ours to remove: either way nothing listens there.
    }
  }
}
