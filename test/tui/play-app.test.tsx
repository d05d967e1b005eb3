import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { Tabletop } from '../../src/drill/tabletop.js';
import { PlayApp } from '../../src/tui/PlayApp.js';
import { completeLine, previewLine } from '../../src/tui/complete.js';
import { makeTheme } from '../../src/tui/theme.js';
import { FakeClock } from '../drill/fake-clock.js';
import { scenario } from '../helpers.js';

// Ink draws at most 30 frames a second: a frame can lag a key by up to 33 ms.
const tick = () => new Promise((resolve) => setTimeout(resolve, 60));

/** Waits for what a key should lead to: fixed sleeps fail on a loaded machine. */
async function until(condition: () => boolean, what = 'the condition'): Promise<void> {
  const end = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await tick();
  }
}
const ESC = '\u001b';

function setup(id = 'payment-schema-rollback', facilitator = false) {
  const clock = new FakeClock();
  const tabletop = new Tabletop({ scenario: scenario(id), seed: 1, mode: 'team', speed: 60, clock });
  const finished: string[] = [];
  const app = render(
    <PlayApp
      tabletop={tabletop}
      theme={makeTheme(false, false)}
      complete={(line) => completeLine(tabletop.session.drill.world, line)}
      preview={(line) => previewLine(tabletop.session.drill.world, line)}
      reference={['2:15 rollback-release --max-unavailable 25%']}
      facilitator={facilitator}
      finish={() => {
        finished.push('finished');
        return { lines: ['PASS ✓  debrief for the test'] };
      }}
    />,
  );
  return { app, clock, tabletop, finished };
}

async function press(app: ReturnType<typeof render>, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    app.stdin.write(key);
    await tick();
  }
}

async function type(app: ReturnType<typeof render>, text: string): Promise<void> {
  for (const ch of text) {
    await press(app, ch);
  }
}

describe('the play screen', () => {
  it('opens on the briefing and starts the clock on Enter', async () => {
    const { app, clock, tabletop } = setup();
    expect(app.lastFrame()).toContain('Press Enter to start the clock');
    expect(app.lastFrame()).toContain('Release r42 went out this morning');
    await tick();
    app.stdin.write('\r');
    await until(() => tabletop.driver.running, 'the clock to start');
    clock.advance(3_000);
    await tick();
    expect(tabletop.now).toBe(180_000);
    expect(app.lastFrame()).toContain('layers');
    expect(app.lastFrame()).toContain('payment-api');
    expect(app.lastFrame()).toContain('ALERT payment-errors');
    expect(app.lastFrame()).toMatch(/since detection/);
    app.unmount();
  });

  it('runs a typed command and answers an unknown verb with the nearest one', async () => {
    const { app, tabletop } = setup();
    await tick();
    await press(app, '\r');
    await type(app, 'rollbak payment-api\r');
    expect(app.lastFrame()).toContain("unknown command 'rollbak'; did you mean 'rollback'?");
    await type(app, '@alice declare payments failing\r');
    expect(tabletop.session.drill.tracker.detectedBy).toBe('declared by alice: payments failing');
    expect(app.lastFrame()).toContain('alice: declare payments failing');
    app.unmount();
  });

  it('says where a rollback without a version will go before Enter is pressed', async () => {
    const { app } = setup();
    await tick();
    await press(app, '\r');
    await type(app, '@bo rollback payment-api');
    expect(app.lastFrame()).toContain('→ Enter: rollback payment-api to 2.14 (the version 2.15 replaced)');
    await type(app, ' 2.14');
    expect(app.lastFrame()).not.toContain('→ Enter:');
    app.unmount();
  });

  it('completes with Tab and lists the candidates', async () => {
    const { app } = setup();
    await tick();
    await press(app, '\r');
    await type(app, 'inspect pay\t');
    expect(app.lastFrame()).toContain('payment-api  payments-db');
    app.unmount();
  });

  it('keeps letters as text while typing, and gives the facilitator keys after Esc', async () => {
    const { app, tabletop } = setup();
    await tick();
    await press(app, '\r');
    await type(app, 'p');
    expect(tabletop.driver.paused).toBe(false);
    expect(app.lastFrame()).toContain('team> p');
    await press(app, ESC);
    expect(app.lastFrame()).toContain('p pause');
    await press(app, 'p');
    expect(tabletop.driver.paused).toBe(true);
    expect(app.lastFrame()).toContain('PAUSED');
    await press(app, 'h');
    expect(tabletop.hintsRevealed).toHaveLength(1);
    expect(app.lastFrame()).toContain(`hint 1 of ${tabletop.scenario.meta.hints.length}:`);
    app.unmount();
  });

  it('acts on every facilitator key that arrives in one chunk: p++ pauses and steps the speed twice', async () => {
    const { app, tabletop } = setup();
    tabletop.driver.setSpeed(1);
    await tick();
    await press(app, '\r', ESC);
    app.stdin.write('p++');
    await until(() => tabletop.driver.speed === 5, 'the speed to reach 5x');
    expect(tabletop.driver.paused).toBe(true);
    app.stdin.write('p-');
    await until(() => tabletop.driver.speed === 2, 'the speed to come down to 2x');
    expect(tabletop.driver.paused).toBe(false);
    app.unmount();
  });

  it('asks and ends the drill when e and y arrive together', async () => {
    const { app, tabletop } = setup();
    await tick();
    await press(app, '\r', ESC);
    app.stdin.write('ey');
    await until(() => tabletop.session.done, 'the drill to end');
    app.unmount();
  });

  it('types a pasted command and runs it at the Enter inside the paste', async () => {
    const { app, tabletop } = setup();
    await tick();
    await press(app, '\r');
    app.stdin.write('declare pasted\r');
    await until(() => tabletop.session.journal.some((e) => e.kind === 'command' && e.command === 'declare pasted'), 'the pasted command to run');
    app.unmount();
  });

  it('never offers the truth panel on the projected screen, and does in a solo rehearsal', async () => {
    for (const solo of [false, true]) {
      const { app } = setup('payment-schema-rollback', solo);
      await tick();
      await press(app, '\r', ESC, 't');
      expect(app.lastFrame()!.includes('facilitator only')).toBe(solo);
      expect(app.lastFrame()!.includes('old-code-new-schema') || app.lastFrame()!.includes('npe-saved-cards')).toBe(solo);
      app.unmount();
    }
  });

  it('keeps a silent provider update silent on the team’s log: it shows only in what the team can measure', async () => {
    const { app, clock, tabletop } = setup('silent-provider-update');
    await press(app, '\r');
    await until(() => tabletop.driver.running, 'the clock to start');
    clock.advance(5_000);
    await tick();
    expect(tabletop.now).toBeGreaterThan(120_000);
    expect(tabletop.session.drill.world.log.some((e) => e.kind === 'fault' && /moved/.test(e.text))).toBe(true);
    expect(app.lastFrame()).not.toMatch(/moved|gpt-4o-2025-04-25/);
    app.unmount();
  });

  it('lists actions in flight with their number and how to abort them, and answers an abort with what it put back', async () => {
    const { app, clock, tabletop } = setup();
    await tick();
    await press(app, '\r');
    await until(() => tabletop.driver.running, 'the clock to start');
    // Pasted, as a long command often is: the router takes several keys at once.
    await press(app, 'rollback payment-api --max-unavailable 25%\r');
    clock.advance(500);
    await until(() => app.lastFrame()!.includes('▶ #1 rollback payment-api'), 'the action in the panel');
    expect(app.lastFrame()).toMatch(/▶ #1 rollback payment-api --max-unavailable 25% \(team\) running 0:\d\d · abort #1 stops it/);
    await press(app, 'abort');
    expect(app.lastFrame()).toContain('→ Enter: abort #1 rollback payment-api --max-unavailable 25%');
    await press(app, '\r');
    clock.advance(120);
    await until(() => app.lastFrame()!.includes('→ aborted'), 'the rollback reported aborted');
    expect(app.lastFrame()).toMatch(/team: rollback payment-api --max-unavailable 25% → aborted: by team \(abort at \d+:\d\d\)/);
    clock.advance(1_000);
    await until(() => app.lastFrame()!.includes('team: abort → done'), 'the abort reported done');
    expect(app.lastFrame()).toContain('#1 rollback payment-api --max-unavailable 25% aborted: payment-api back on 2.15');
    expect(tabletop.session.drill.world.versionOf('payment-api')).toBe('2.15');
    app.unmount();
  });

  it("shows the team a canary's steps as changes, as a deploy log would, without naming a fault", async () => {
    const { app, clock, tabletop } = setup('recommender-canary');
    await press(app, '\r');
    await until(() => tabletop.driver.running, 'the clock to start');
    clock.advance(3_200);
    await tick();
    const frame = app.lastFrame()!;
    expect(frame).toMatch(/1:00 change {2}canary of r9 at 1%/);
    expect(frame).toMatch(/3:00 change {2}canary of r9 at 10%/);
    expect(frame).toContain('stable 90% recs-2025-10 · canary 10% recs-2025-12');
    expect(frame).not.toMatch(/fault|recs-2025-12-content/);
    app.unmount();
  });

  it('shows the whole answer of inspect ROUTE in a frame shorter than the terminal, the log giving up room', async () => {
    const { app, clock, tabletop } = setup('recommender-canary');
    await press(app, '\r');
    await until(() => tabletop.driver.running, 'the clock to start');
    clock.advance(4_000);
    await tick();
    await type(app, 'inspect canary\r');
    clock.advance(200);
    await until(() => /broken on canary/.test(app.lastFrame() ?? ''), 'the answer of inspect');
    const frame = app.lastFrame()!;
    expect(frame.split('\n').length).toBeLessThan(24);
    expect(frame).toMatch(/canary route, 10% of users: recs-model recs-2025-12 \(stable: recs-2025-10\)/);
    expect(frame).toMatch(/inappropriate .*broken on canary/);
    expect(frame).not.toMatch(/more lines/);
    app.unmount();
  });

  it('fires an inject picked from the list', async () => {
    const { app, tabletop } = setup('silent-provider-update');
    await tick();
    await press(app, '\r', ESC, 'i');
    expect(app.lastFrame()).toContain('Fire an inject');
    await press(app, '\r');
    expect(tabletop.injectsFired).toHaveLength(1);
    expect(app.lastFrame()).toContain(`inject ${tabletop.scenario.meta.injects[0]!.id}`);
    app.unmount();
  });

  it('opens the debrief when the facilitator ends the drill', async () => {
    const { app, tabletop, finished } = setup();
    await tick();
    await press(app, '\r', ESC, 'e');
    expect(app.lastFrame()).toContain('End the drill now?');
    await press(app, 'y');
    await tick();
    expect(tabletop.session.done).toBe(true);
    expect(finished).toEqual(['finished']);
    expect(app.lastFrame()).toContain('Debrief');
    expect(app.lastFrame()).toContain('debrief for the test');
    app.unmount();
  });

  it('lets typing that outran the end of the drill fall on the debrief without quitting it', async () => {
    const { app, tabletop } = setup();
    await tick();
    await press(app, '\r', ESC, 'e', 'y');
    await until(() => app.lastFrame()!.includes('debrief for the test'), 'the debrief');
    // Leaving the screen stops the drill's driver: that is what a `q` on the debrief does.
    const left = vi.spyOn(tabletop.driver, 'stop');
    await press(app, 'q');
    expect(left).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await press(app, 'q');
    expect(left).toHaveBeenCalled();
    app.unmount();
  });
});

describe('the play screen for a screen reader', () => {
  it('draws no boxes or sparklines and announces the clock in whole minutes', async () => {
    const clock = new FakeClock();
    const tabletop = new Tabletop({ scenario: scenario('payment-schema-rollback'), seed: 1, mode: 'team', speed: 60, clock });
    const app = render(
      <PlayApp tabletop={tabletop} theme={makeTheme(true, true)} complete={() => ({ start: 0, candidates: [] })} reference={[]} facilitator={false} finish={() => ({ lines: [] })} />,
    );
    await tick();
    app.stdin.write('\r');
    await until(() => tabletop.driver.running, 'the clock to start');
    clock.advance(3_000);
    await tick();
    const frame = app.lastFrame()!;
    expect(frame).toContain('drill 3 min');
    expect(frame).not.toMatch(/[╭╮│▁▂▃▄▅▆▇█░]/);
    app.unmount();
  });
});
