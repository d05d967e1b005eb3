import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attach } from '../../src/cli/facilitator-client.js';
import { FacilitatorServer, type ServerLimits } from '../../src/cli/facilitator-server.js';
import { ensureRuntimeFolder, playSocketPath } from '../../src/cli/runtime-folder.js';
import type { FacilitatorChannel, FacilitatorState, LinkEvent, ServerMessage } from '../../src/drill/facilitator-protocol.js';
import type { JournalEntry } from '../../src/drill/session.js';
import { Tabletop } from '../../src/drill/tabletop.js';
import { FakeClock } from '../drill/fake-clock.js';
import { scenario } from '../helpers.js';

type Heard = ServerMessage | { type: 'closed'; reason: string };

/** Everything a listener heard, read in order: `next` takes the first unread message that matches. */
class Inbox {
  readonly all: Heard[] = [];
  private read = 0;
  private waiter: (() => void) | undefined;

  push = (m: Heard): void => {
    this.all.push(m);
    this.waiter?.();
  };

  /** The first message after the last one taken that matches; fails the test after two seconds. */
  async next<T extends Heard>(match: (m: Heard) => m is T): Promise<T>;
  async next(match: (m: Heard) => boolean): Promise<Heard>;
  async next(match: (m: Heard) => boolean): Promise<Heard> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      for (; this.read < this.all.length; this.read++) {
        const m = this.all[this.read]!;
        if (match(m)) {
          this.read++;
          return m;
        }
      }
      if (Date.now() > deadline) throw new Error(`no matching message; heard ${JSON.stringify(this.all.map((m) => m.type))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiter = () => (clearTimeout(timer), resolve());
      });
    }
  }
}

const isState = (m: Heard): m is { type: 'state'; state: FacilitatorState } => m.type === 'state';

interface Rig {
  tabletop: Tabletop;
  wall: FakeClock;
  journal: JournalEntry[];
  server: FacilitatorServer;
  events: LinkEvent[];
  folder: string;
}

const open: { server?: FacilitatorServer; channels: FacilitatorChannel[]; sockets: Socket[] } = { channels: [], sockets: [] };

afterEach(async () => {
  for (const c of open.channels.splice(0)) c.close();
  for (const s of open.sockets.splice(0)) s.destroy();
  await open.server?.close('test over');
  open.server = undefined;
});

/** A drill at 10x under a fake wall clock, its clock started, with the play-side server around it. */
async function rig(limits?: Partial<ServerLimits>): Promise<Rig> {
  const wall = new FakeClock();
  const journal: JournalEntry[] = [];
  const tabletop = new Tabletop({ scenario: scenario('latency-spike'), seed: 1, mode: 'team', speed: 10, clock: wall, onJournal: (e) => journal.push(e) });
  const folder = join(mkdtempSync(join(tmpdir(), 'firedrill-srv-')), 'firedrill');
  ensureRuntimeFolder(folder);
  const server = await FacilitatorServer.listen({ tabletop, reference: ['3:06 switch stable blue'], socketPath: playSocketPath(folder, process.pid), clock: wall, ...(limits ? { limits } : {}) });
  open.server = server;
  const events: LinkEvent[] = [];
  server.subscribe((e) => events.push(e));
  tabletop.driver.start();
  return { tabletop, wall, journal, server, events, folder };
}

async function client(r: Rig): Promise<{ channel: FacilitatorChannel; inbox: Inbox }> {
  const channel = await attach(r.server.socketPath);
  open.channels.push(channel);
  const inbox = new Inbox();
  channel.subscribe(inbox.push);
  return { channel, inbox };
}

/** A connection that sends raw bytes, as a broken or hostile program would. */
async function raw(r: Rig): Promise<{ socket: Socket; inbox: Inbox }> {
  const socket = connect(r.server.socketPath);
  open.sockets.push(socket);
  const inbox = new Inbox();
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      inbox.push(JSON.parse(pending.slice(0, nl)) as ServerMessage);
      pending = pending.slice(nl + 1);
    }
  });
  socket.on('close', () => inbox.push({ type: 'closed', reason: 'closed' }));
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, inbox };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe("the play's facilitator socket", () => {
  it('fires an inject sent by a facilitator: the world reacts, the journal has it, the view shows it fired', async () => {
    const r = await rig();
    r.wall.advance(3000);
    const { channel, inbox } = await client(r);
    const first = await inbox.next(isState);
    expect(first.state.started).toBe(true);
    expect(first.state.team.nowMs).toBe(30_000);
    expect(first.state.view.injects).toEqual([expect.objectContaining({ id: 'flash-sale', firedAtMs: null })]);
    expect(r.events).toContainEqual({ kind: 'attached', screens: 1 });

    const rpsBefore = r.tabletop.session.drill.world.metrics.get('all', 'rps').value(10);
    channel.send({ inject: 'flash-sale' });
    const reply = await inbox.next((m) => m.type === 'reply');
    expect(reply).toMatchObject({ type: 'reply', control: { inject: 'flash-sale' }, reply: { kind: 'info', lines: [expect.stringMatching(/^inject flash-sale: /)] } });
    expect(r.journal).toEqual([{ atMs: 30_000, kind: 'inject', by: 'facilitator', inject: 'flash-sale' }]);
    const fired = await inbox.next((m) => isState(m) && m.state.view.injects[0]!.firedAtMs !== null);
    expect(isState(fired) && fired.state.view.injects[0]!.firedAtMs).toBe(30_000);
    // The play's own screen hears it too, to show the team the inject's news.
    expect(r.events).toContainEqual(expect.objectContaining({ kind: 'control', control: { inject: 'flash-sale' } }));

    r.wall.advance(1000);
    const rpsAfter = r.tabletop.session.drill.world.metrics.get('all', 'rps').value(10);
    expect(rpsAfter).toBeGreaterThan(rpsBefore * 2);
  });

  it('pushes the state after each change, but at most once per push interval', async () => {
    const r = await rig();
    const { inbox } = await client(r);
    await inbox.next(isState);
    const heardBefore = inbox.all.length;
    // Two wall seconds in frames of 100 ms: twenty frames of the drill, then a pause, a twenty-first.
    for (let i = 0; i < 20; i++) r.wall.advance(100);
    r.tabletop.driver.pause();
    // The change the throttle held back goes out when its interval is over.
    r.wall.advance(250);
    await inbox.next((m) => isState(m) && m.state.view.paused && m.state.team.nowMs === 20_000);
    const pushed = inbox.all.length - heardBefore;
    expect(pushed).toBeGreaterThanOrEqual(5);
    expect(pushed).toBeLessThanOrEqual(10);
  });

  it('answers malformed messages with an error and goes on serving', async () => {
    const r = await rig();
    const { socket, inbox } = await raw(r);
    await inbox.next(isState);
    socket.write('pause\n{"inject":5}\n{"pause":true,"end":true}\n{"jump":true}\n\u0000\u00ff\n');
    const errors: string[] = [];
    for (let i = 0; i < 5; i++) errors.push(((await inbox.next((m) => m.type === 'error')) as { error: string }).error);
    expect(errors[0]).toMatch(/not a JSON line/);
    expect(errors[1]).toMatch(/"inject" takes the id/);
    expect(errors[2]).toMatch(/exactly one field, got 2/);
    expect(errors[3]).toMatch(/unknown control 'jump'/);
    expect(errors[4]).toMatch(/not a JSON line/);
    socket.write('{"speed":1}\n');
    expect(await inbox.next((m) => m.type === 'reply')).toMatchObject({ reply: { lines: ['speed 30x'] } });
    expect(r.tabletop.driver.speed).toBe(30);
  });

  it('skips a line longer than the limit, says so, and reads the next one', async () => {
    const r = await rig({ lineBytes: 64 });
    const { socket, inbox } = await raw(r);
    await inbox.next(isState);
    socket.write(`{"inject":"${'x'.repeat(40)}`);
    socket.write(`${'y'.repeat(40)}"}\n{"hint":true}\n`);
    expect(await inbox.next((m) => m.type === 'error')).toEqual({ type: 'error', error: 'line longer than 64 bytes: skipped' });
    expect(await inbox.next((m) => m.type === 'reply')).toMatchObject({ control: { hint: true }, reply: { lines: [expect.stringMatching(/^hint 1 of \d+: /)] } });
    // The hint after it was read; the inject in the line that was too long was not.
    expect(r.journal).toEqual([{ atMs: 0, kind: 'hint', by: 'facilitator', index: 0 }]);
  });

  it('drops messages beyond the rate limit with one error a second', async () => {
    const r = await rig({ messagesPerS: 5 });
    const { socket, inbox } = await raw(r);
    await inbox.next(isState);
    socket.write('{"speed":-1}\n'.repeat(12));
    await inbox.next((m) => m.type === 'error');
    await until(() => inbox.all.filter((m) => m.type === 'reply').length === 5);
    // The next wall second, controls are read again.
    r.wall.advance(1000);
    socket.write('{"speed":1}\n');
    await inbox.next((m) => m.type === 'reply' && 'speed' in m.control && m.control.speed === 1);
    expect(inbox.all.filter((m) => m.type === 'error')).toEqual([{ type: 'error', error: "too many messages: at most 5 a second; the rest of this second's are dropped" }]);
    expect(inbox.all.filter((m) => m.type === 'reply')).toHaveLength(6);
  });

  it('takes a few screens at once and turns away one more', async () => {
    const r = await rig({ connections: 2 });
    await client(r);
    await client(r);
    const third = await raw(r);
    expect(await third.inbox.next((m) => m.type === 'error')).toEqual({ type: 'error', error: 'too many facilitator screens attached (2); close one first' });
    await third.inbox.next((m) => m.type === 'closed');
    expect(r.server.screens).toBe(2);
  });

  it('tells the play when a screen detaches', async () => {
    const r = await rig();
    const { channel } = await client(r);
    channel.close();
    await until(() => r.events.some((e) => e.kind === 'detached'));
    expect(r.events.filter((e) => e.kind !== 'control')).toEqual([
      { kind: 'attached', screens: 1 },
      { kind: 'detached', screens: 0 },
    ]);
  });

  it('listens on an owner-only socket and removes it when closed, saying goodbye to the screens', async () => {
    const r = await rig();
    expect(statSync(r.server.socketPath).mode & 0o777).toBe(0o600);
    const { inbox } = await client(r);
    await inbox.next(isState);
    const closed = inbox.next((m) => m.type === 'closed');
    await r.server.close('the drill ended with PASS at 4:10');
    expect(existsSync(r.server.socketPath)).toBe(false);
    expect(inbox.all).toContainEqual({ type: 'bye', reason: 'the drill ended with PASS at 4:10' });
    expect(await closed).toEqual({ type: 'closed', reason: 'the drill ended with PASS at 4:10' });
    await expect(attach(r.server.socketPath)).rejects.toThrow(/cannot attach to .*play-\d+\.sock: no such socket/);
  });
});
