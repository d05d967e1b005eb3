import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureRuntimeFolder, playSocketPath } from '../../src/cli/runtime-folder.js';
import { cli, cliWith } from './cli-helpers.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A runtime folder of its own for each test, as $XDG_RUNTIME_DIR gives one. */
function runtime(): { env: Record<string, string>; folder: string } {
  const xdg = mkdtempSync(join(tmpdir(), 'firedrill-xdg-'));
  return { env: { XDG_RUNTIME_DIR: xdg }, folder: join(xdg, 'firedrill') };
}

/** Something listening where a play with this process id would. */
async function listening(folder: string, pid: number): Promise<string> {
  const path = playSocketPath(folder, pid);
  const server = createServer((socket) => socket.end());
  servers.push(server);
  await new Promise((resolve) => server.listen(path, () => resolve(undefined)));
  return path;
}

describe('firedrill facilitate', () => {
  it('says no play is running when there is none, and exits 2', async () => {
    const { env, folder } = runtime();
    const missing = await cliWith({ env }, 'facilitate');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^firedrill: no firedrill play is running on this machine; start one with firedrill play SCENARIO\n/);
    ensureRuntimeFolder(folder);
    // The socket a killed play left behind is not a running play.
    writeFileSync(join(folder, 'play-999999999.sock'), '');
    const empty = await cliWith({ env }, 'facilitate');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no firedrill play is running on this machine/);
  });

  it('lists the plays when several run and asks for --socket', async () => {
    const { env, folder } = runtime();
    ensureRuntimeFolder(folder);
    const mine = await listening(folder, process.pid);
    const parent = await listening(folder, process.ppid);
    const r = await cliWith({ env }, 'facilitate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 firedrill plays are running; choose one with --socket:/);
    expect(r.stderr).toContain(`--socket ${mine}    pid ${process.pid}`);
    expect(r.stderr).toContain(`--socket ${parent}    pid ${process.ppid}`);
  });

  it('finds the one play running, then refuses to open its screen off a terminal', async () => {
    const { env, folder } = runtime();
    ensureRuntimeFolder(folder);
    const path = await listening(folder, process.pid);
    const r = await cliWith({ env }, 'facilitate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`facilitate needs a terminal for its screen: run it in a second terminal beside firedrill play (socket ${path})`);
  });

  it('refuses a runtime folder other users could open, saying how to fix it', async () => {
    const { env, folder } = runtime();
    ensureRuntimeFolder(folder);
    await listening(folder, process.pid);
    chmodSync(folder, 0o777);
    const r = await cliWith({ env }, 'facilitate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${folder} has mode 0777, open to other users; firedrill needs it owner-only (0700). Fix it with: chmod 700 ${folder}`);
  });

  it('refuses a --socket that is not a socket', async () => {
    const { folder } = runtime();
    const r = await cli('facilitate', '--socket', join(folder, 'play-1.sock'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--socket .*play-1\.sock: no such socket/);
    const file = join(mkdtempSync(join(tmpdir(), 'firedrill-f-')), 'notes.txt');
    writeFileSync(file, '');
    expect((await cli('facilitate', '--socket', file)).stderr).toMatch(/not a socket; a play's socket is named play-PID\.sock/);
  });

  it('is listed in the usage and explains its keys in --help', async () => {
    expect((await cli('--help')).stdout).toMatch(/ {2}facilitate +the facilitator's own screen, attached to a running play/);
    const help = await cli('facilitate', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: firedrill facilitate \[--socket PATH\]/);
    expect(help.stdout).toMatch(/ {2}e {8}end the drill now \(asks first\)/);
    expect(help.stdout).toMatch(/ {2}q {8}leave this screen; the drill goes on/);
  });
});
