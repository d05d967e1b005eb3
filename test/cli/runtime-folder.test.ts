import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRuntimeFolder, currentUid, ensureRuntimeFolder, playSocketPath, playSockets, removeStaleSockets, runtimeFolder } from '../../src/cli/runtime-folder.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'firedrill-rt-'));

describe("the play's runtime folder", () => {
  it('is $XDG_RUNTIME_DIR/firedrill when set, else firedrill-UID under the temporary folder', () => {
    expect(runtimeFolder({ XDG_RUNTIME_DIR: '/run/user/1000' }, 1000, '/tmp')).toBe('/run/user/1000/firedrill');
    expect(runtimeFolder({}, 1000, '/tmp')).toBe('/tmp/firedrill-1000');
    expect(runtimeFolder({ XDG_RUNTIME_DIR: '' }, 501, '/var/t')).toBe('/var/t/firedrill-501');
  });

  it('is created owner-only (0700), whatever the umask lets through', () => {
    const folder = join(scratch(), 'firedrill');
    const before = process.umask(0o022);
    try {
      ensureRuntimeFolder(folder);
    } finally {
      process.umask(before);
    }
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    // A second play finds it as it should be and uses it.
    expect(() => ensureRuntimeFolder(folder)).not.toThrow();
  });

  it('is refused when it is open to others, with the command that fixes it', () => {
    const folder = join(scratch(), 'firedrill');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    expect(() => ensureRuntimeFolder(folder)).toThrow(`${folder} has mode 0755, open to other users; firedrill needs it owner-only (0700). Fix it with: chmod 700 ${folder}`);
    chmodSync(folder, 0o770);
    expect(() => checkRuntimeFolder(folder)).toThrow(/has mode 0770/);
  });

  it('is refused when another user owns it', () => {
    const folder = join(scratch(), 'firedrill');
    ensureRuntimeFolder(folder);
    expect(() => checkRuntimeFolder(folder, currentUid() + 1)).toThrow(`${folder} belongs to user ${currentUid()}, not to you (${currentUid() + 1})`);
  });

  it('is refused when it is a symbolic link or a file', () => {
    const base = scratch();
    const real = join(base, 'real');
    ensureRuntimeFolder(real);
    symlinkSync(real, join(base, 'link'));
    expect(() => ensureRuntimeFolder(join(base, 'link'))).toThrow(/is a symbolic link/);
    writeFileSync(join(base, 'file'), '');
    expect(() => ensureRuntimeFolder(join(base, 'file'))).toThrow(/is not a folder/);
  });

  it('names a socket after the play process, and refuses a path too long for a Unix socket', () => {
    expect(playSocketPath('/run/user/1000/firedrill', 4242)).toBe('/run/user/1000/firedrill/play-4242.sock');
    expect(() => playSocketPath(`/${'x'.repeat(100)}`, 1)).toThrow(/too long for a Unix socket; set XDG_RUNTIME_DIR/);
  });

  it("lists the plays' sockets, tells live from dead, and removes only the dead ones", async () => {
    const folder = join(scratch(), 'firedrill');
    ensureRuntimeFolder(folder);
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) => dead.on('exit', () => resolve(dead.pid!)));
    const servers = [process.pid, deadPid].map((pid) => createServer().listen(playSocketPath(folder, pid)));
    await Promise.all(servers.map((s) => new Promise((resolve) => s.on('listening', resolve))));
    writeFileSync(join(folder, 'notes.txt'), '');
    try {
      expect(playSockets(folder).map((s) => [s.pid, s.alive])).toEqual(
        [
          [process.pid, true],
          [deadPid, false],
        ].sort((a, b) => (a[0] as number) - (b[0] as number)),
      );
      removeStaleSockets(folder);
      expect(playSockets(folder).map((s) => s.pid)).toEqual([process.pid]);
    } finally {
      for (const s of servers) s.close();
    }
    expect(playSockets(join(folder, 'missing'))).toEqual([]);
  });
});
