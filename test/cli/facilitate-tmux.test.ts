import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN as bin } from '../helpers.js';
const hasTmux = spawnSync('which', ['tmux']).status === 0;
// A tmux server of this test's own, so nothing else running tmux on the machine is touched.
const server = `firedrill-e2e-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', server, '-f', '/dev/null', ...args], { encoding: 'utf8' });

afterAll(() => {
  if (hasTmux) tmux('kill-server');
});

const capture = (target: string): string => tmux('capture-pane', '-p', '-t', target).stdout;

/** Waits until the pane shows the text, and returns the screen; fails with the screen as it was. */
async function waitFor(target: string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = capture(target);
    if (pattern.test(screen)) return screen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pane ${target} never showed ${pattern}; it shows:\n${screen}`);
}

const keys = (target: string, ...k: string[]) => tmux('send-keys', '-t', target, ...k);

describe('firedrill facilitate against a running play, in a terminal', () => {
  it('fires an inject from the facilitator screen that the team sees on the play screen, then ends the drill', async (ctx) => {
    if (!hasTmux) ctx.skip('tmux is not installed (which tmux found nothing); this test drives both screens in tmux');
    const xdg = mkdtempSync(join(tmpdir(), 'firedrill-e2e-'));
    const journal = join(xdg, 'drill.jsonl');
    const env = ['-e', `XDG_RUNTIME_DIR=${xdg}`, '-e', 'NO_COLOR=1'];
    const run = (args: string) => `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} ${args}; sleep 60`;
    expect(tmux('new-session', '-d', '-s', 'play', '-x', '120', '-y', '40', ...env, run(`play latency-spike --seed 1 --speed 10 --journal ${JSON.stringify(journal)}`)).status).toBe(0);
    await waitFor('play', /Facilitator's screen: firedrill facilitate in a second terminal/);
    keys('play', 'Enter');
    await waitFor('play', /team>/);

    expect(tmux('new-session', '-d', '-s', 'facil', '-x', '100', '-y', '30', ...env, run('facilitate')).status).toBe(0);
    const first = await waitFor('facil', /facilitator · latency-spike/);
    expect(first).toMatch(/best play \(the reference playbook on this seed\):/);
    await waitFor('play', /a facilitator's screen attached \(1 attached\)/);
    // The projected screen never shows the answer.
    expect(capture('play')).not.toMatch(/best play|causes now/);

    keys('facil', 'i');
    await waitFor('facil', /Fire an inject/);
    keys('facil', 'Enter');
    await waitFor('play', /inject flash-sale: a retailer's flash sale/);
    await waitFor('facil', /✓ fired \d+:\d\d flash-sale/);
    const entries = readFileSync(journal, 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'inject', by: 'facilitator', inject: 'flash-sale' }));

    keys('facil', 'e');
    await waitFor('facil', /End the drill now, for everyone\? y yes · n no/);
    keys('facil', 'y');
    await waitFor('play', /Debrief · /);
    await waitFor('play', /ended by facilitator/);
    await waitFor('facil', /drill over: ended by the facilitator/);

    // The debrief's first moment takes keys as typing that outran the drill's end: press until it leaves.
    const closed = /firedrill: the play's screen has closed: the drill ended with (PASS|FAIL) at \d+:\d\d/;
    for (let i = 0; i < 40 && !closed.test(capture('facil')); i++) {
      keys('play', 'q');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const bye = await waitFor('facil', closed);
    const verdict = /ended with (PASS|FAIL)/.exec(bye)![1]!;
    await waitFor('play', new RegExp(`firedrill: the drill ended with ${verdict} at \\d+:\\d\\d\\. The journal and the reports:`));
    expect(readdirSync(join(xdg, 'firedrill')).filter((f) => f.endsWith('.sock'))).toEqual([]);
    expect(existsSync(journal)).toBe(true);
  }, 90_000);

  it('leaves no socket behind when the play is left with Ctrl-C or terminated', async (ctx) => {
    if (!hasTmux) ctx.skip('tmux is not installed (which tmux found nothing); this test needs a terminal for play');
    const xdg = mkdtempSync(join(tmpdir(), 'firedrill-e2e-'));
    const folder = join(xdg, 'firedrill');
    const sockets = () => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.sock')) : []);
    const waitSockets = async (n: number) => {
      for (let i = 0; i < 200 && sockets().length !== n; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(sockets()).toHaveLength(n);
    };
    const start = (name: string) => {
      const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} play latency-spike --journal ${JSON.stringify(join(xdg, `${name}.jsonl`))}; echo "exit $?"; sleep 60`;
      expect(tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', '-e', `XDG_RUNTIME_DIR=${xdg}`, cmd).status).toBe(0);
    };
    start('ctrlc');
    await waitFor('ctrlc', /Press Enter to start the clock/);
    await waitSockets(1);
    keys('ctrlc', 'C-c');
    await waitFor('ctrlc', /exit 130/);
    await waitSockets(0);

    start('term');
    await waitFor('term', /Press Enter to start the clock/);
    await waitSockets(1);
    const pid = Number(/^play-(\d+)\.sock$/.exec(sockets()[0]!)![1]);
    process.kill(pid, 'SIGTERM');
    await waitFor('term', /exit 143/);
    await waitSockets(0);
  }, 90_000);
});
