import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { applyControl, facilitatorState, type Control, type FacilitatorChannel, type ServerMessage } from '../../src/drill/facilitator-protocol.js';
import { Tabletop } from '../../src/drill/tabletop.js';
import { FacilitateApp } from '../../src/tui/FacilitateApp.js';
import { makeTheme } from '../../src/tui/theme.js';
import { FakeClock } from '../drill/fake-clock.js';
import { scenario } from '../helpers.js';

type Heard = ServerMessage | { type: 'closed'; reason: string };

/**
 * A play on the other end of the line, in-process: controls are applied to a real tabletop and
 * answered the way the play's server answers them.
 */
class FakePlay implements FacilitatorChannel {
  readonly sent: Control[] = [];
  readonly clock = new FakeClock();
  /** Answers with its state a moment later, as a play across a socket does, rather than at once. */
  lagging = false;
  readonly tabletop = new Tabletop({ scenario: scenario('latency-spike'), seed: 1, mode: 'team', speed: 10, clock: this.clock });
  private listener: ((m: Heard) => void) | undefined;
  closed = false;

  send(control: Control): void {
    this.sent.push(control);
    const reply = applyControl(this.tabletop, control);
    this.listener?.({ type: 'reply', control, reply });
    if (this.lagging) setTimeout(() => this.push(), 30);
    else this.push();
  }

  subscribe(listener: (m: Heard) => void): () => void {
    this.listener = listener;
    this.push();
    return () => (this.listener = undefined);
  }

  close(): void {
    this.closed = true;
    this.listener?.({ type: 'closed', reason: 'the facilitator left' });
  }

  push(): void {
    this.listener?.({ type: 'state', state: facilitatorState(this.tabletop, ['3:06 declare', '3:06 switch stable blue']) });
  }

  say(m: Heard): void {
    this.listener?.(m);
  }
}

const tick = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const theme = makeTheme(false, false);

async function screen() {
  const play = new FakePlay();
  let closedWith: string | undefined;
  const app = render(<FacilitateApp channel={play} socketPath="/run/user/1/firedrill/play-1.sock" theme={theme} onClose={(r) => (closedWith = r)} />);
  // Input written before the screen's effects have run is lost: wait for the first state drawn.
  for (let i = 0; i < 100 && !/facilitator ·/.test(app.lastFrame() ?? ''); i++) await tick(10);
  await tick();
  /** Types keys one by one, each once the screen has drawn what the one before did. */
  const keys = async (...input: string[]): Promise<string> => {
    for (const k of input) {
      const before = app.lastFrame();
      app.stdin.write(k);
      for (let i = 0; i < 50 && app.lastFrame() === before; i++) await tick(10);
    }
    return app.lastFrame() ?? '';
  };
  return { play, app, keys, closedWith: () => closedWith };
}

describe("the facilitator's screen", () => {
  it('shows the hidden truth the team does not see: hints to come, injects, the best play', async () => {
    const { app } = await screen();
    const frame = app.lastFrame()!;
    expect(frame).toMatch(/facilitator · latency-spike/);
    expect(frame).toMatch(/waiting for the team: the briefing is on their screen/);
    expect(frame).toMatch(/› next 1\. Latency is climbing on the live environment/);
    expect(frame).toMatch(/· flash-sale: a retailer's flash sale/);
    expect(frame).toMatch(/3:06 switch stable blue/);
    // Before the team starts, only what can be done then is offered.
    expect(frame).not.toMatch(/p pause/);
    expect(frame).toMatch(/e end drill · q quit this screen/);
    expect(frame.split('\n').length).toBeLessThan(24);
  });

  it('pauses and resumes with p, steps the speed with + and -, each through the play', async () => {
    const { play, keys } = await screen();
    play.tabletop.driver.start();
    play.clock.advance(2000);
    play.push();
    let frame = await keys('p');
    expect(play.tabletop.driver.paused).toBe(true);
    expect(frame).toMatch(/PAUSED/);
    expect(frame).toMatch(/paused at 0:20/);
    frame = await keys('p', '+');
    expect(play.sent).toEqual([{ pause: true }, { resume: true }, { speed: 1 }]);
    expect(frame).toMatch(/speed 30x/);
    await keys('-', '-');
    expect(play.tabletop.driver.speed).toBe(5);
  });

  it('acts on every key of a chunk: p++ pauses and steps the speed twice', async () => {
    const { play, app } = await screen();
    play.tabletop.driver.start();
    play.push();
    await tick();
    app.stdin.write('p++');
    for (let i = 0; i < 50 && play.sent.length < 3; i++) await tick(10);
    expect(play.sent).toEqual([{ pause: true }, { speed: 1 }, { speed: 1 }]);
    expect(play.tabletop.driver.paused).toBe(true);
    expect(play.tabletop.driver.speed).toBe(60);
  });

  it('resumes with the second p of a burst, before the play has answered the first', async () => {
    const { play, app } = await screen();
    play.tabletop.driver.start();
    play.push();
    await tick();
    play.lagging = true;
    app.stdin.write('pp');
    for (let i = 0; i < 50 && play.sent.length < 2; i++) await tick(10);
    expect(play.sent).toEqual([{ pause: true }, { resume: true }]);
    expect(play.tabletop.driver.paused).toBe(false);
  });

  it('fires the inject picked from the list, and marks it fired', async () => {
    const { play, keys } = await screen();
    play.tabletop.driver.start();
    play.clock.advance(1000);
    play.push();
    let frame = await keys('i');
    expect(frame).toMatch(/Fire an inject \(↑↓ choose, Enter fire, Esc cancel\)/);
    expect(frame).toMatch(/› flash-sale/);
    frame = await keys('\r');
    expect(play.sent).toEqual([{ inject: 'flash-sale' }]);
    expect(play.tabletop.session.journal).toEqual([{ atMs: 10_000, kind: 'inject', by: 'facilitator', inject: 'flash-sale' }]);
    expect(frame).toMatch(/✓ fired 0:10 flash-sale/);
    expect(frame).not.toMatch(/Fire an inject/);
    // Esc leaves the list without firing.
    await keys('i', '\u001b');
    expect(play.sent).toHaveLength(1);
  });

  it('reveals the next hint with h', async () => {
    const { play, keys } = await screen();
    play.tabletop.driver.start();
    const frame = await keys('h');
    expect(play.tabletop.hintsRevealed.map((h) => h.index)).toEqual([0]);
    expect(frame).toContain(`hints: 1 of ${play.tabletop.scenario.meta.hints.length} revealed`);
    expect(frame).toMatch(/› next 2\./);
  });

  it('ends the drill only after y, and n keeps it running', async () => {
    const { play, keys } = await screen();
    play.tabletop.driver.start();
    let frame = await keys('e');
    expect(frame).toMatch(/End the drill now, for everyone\? y yes · n no/);
    await keys('n');
    expect(play.sent).toEqual([]);
    expect(play.tabletop.session.done).toBe(false);
    frame = await keys('e', 'y');
    expect(play.sent).toEqual([{ end: true }]);
    expect(play.tabletop.endedBy).toBe('facilitator');
    expect(frame).toMatch(/drill over: ended by the facilitator; the debrief is on the team's screen/);
  });

  it('leaves with q without ending the drill', async () => {
    const s = await screen();
    s.play.tabletop.driver.start();
    await s.keys('q');
    // The screen reports why it closed once it has drawn it.
    for (let i = 0; i < 50 && s.closedWith() === undefined; i++) await tick(10);
    expect(s.play.closed).toBe(true);
    expect(s.play.sent).toEqual([]);
    expect(s.play.tabletop.session.done).toBe(false);
    expect(s.closedWith()).toBe('the facilitator left');
  });

  it("shows the play's refusals and says why the line closed", async () => {
    const { play, app, closedWith } = await screen();
    play.say({ type: 'error', error: 'too many messages: at most 20 a second' });
    await tick();
    expect(app.lastFrame()).toMatch(/too many messages: at most 20 a second/);
    play.say({ type: 'closed', reason: "the play's screen has closed: the drill ended with PASS at 4:10" });
    for (let i = 0; i < 50 && closedWith() === undefined; i++) await tick(10);
    expect(closedWith()).toBe("the play's screen has closed: the drill ended with PASS at 4:10");
  });
});
