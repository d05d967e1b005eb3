import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { applyControl, type Control, type FacilitatorLink, type LinkEvent } from '../../src/drill/facilitator-protocol.js';
import { Tabletop } from '../../src/drill/tabletop.js';
import { PlayApp } from '../../src/tui/PlayApp.js';
import { makeTheme } from '../../src/tui/theme.js';
import { FakeClock } from '../drill/fake-clock.js';
import { scenario } from '../helpers.js';

/** The play's side of the facilitator's socket, without the socket: controls applied as the server applies them. */
class FakeLink implements FacilitatorLink {
  private listener: ((e: LinkEvent) => void) | undefined;

  constructor(private readonly tabletop: Tabletop) {}

  subscribe(listener: (e: LinkEvent) => void): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }

  emit(e: LinkEvent): void {
    this.listener?.(e);
  }

  control(control: Control): void {
    this.emit({ kind: 'control', control, reply: applyControl(this.tabletop, control) });
  }
}

const tick = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function playScreen() {
  const clock = new FakeClock();
  const tabletop = new Tabletop({ scenario: scenario('latency-spike'), seed: 1, mode: 'team', speed: 10, clock });
  const link = new FakeLink(tabletop);
  const app = render(
    <PlayApp
      tabletop={tabletop}
      theme={makeTheme(false, false)}
      complete={() => ({ start: 0, candidates: [] })}
      reference={['3:06 switch stable blue']}
      facilitator={false}
      link={link}
      linkNotice="Facilitator's screen: firedrill facilitate in a second terminal (socket /run/user/1/firedrill/play-7.sock)"
      finish={() => ({ lines: ['debrief'] })}
    />,
  );
  /** The frame once it shows `pattern` (or as it is after a second, for the test to fail on). */
  const until = async (pattern: RegExp): Promise<string> => {
    for (let i = 0; i < 100 && !pattern.test(app.lastFrame() ?? ''); i++) await tick(10);
    return app.lastFrame() ?? '';
  };
  // Input written before the screen's effects have run is lost.
  await until(/Press Enter to start the clock/);
  await tick();
  const start = async (): Promise<void> => {
    app.stdin.write('\r');
    await until(/team>/);
  };
  return { tabletop, link, app, clock, until, start };
}

describe("the play screen with a facilitator's screen attached", () => {
  it('tells the team on the briefing how the facilitator attaches', async () => {
    const { until } = await playScreen();
    expect(await until(/Facilitator's screen/)).toMatch(/Facilitator's screen: firedrill facilitate in a second terminal/);
  });

  it('shows a line when a facilitator attaches and when one detaches', async () => {
    const { link, until, start } = await playScreen();
    await start();
    link.emit({ kind: 'attached', screens: 1 });
    expect(await until(/attached \(/)).toMatch(/a facilitator's screen attached \(1 attached\)/);
    link.emit({ kind: 'detached', screens: 0 });
    expect(await until(/detached \(/)).toMatch(/a facilitator's screen detached \(none attached\)/);
  });

  it("shows the team an inject's news and a revealed hint, but not the facilitator's refusals, and never the hidden truth", async () => {
    const { app, link, clock, until, start, tabletop } = await playScreen();
    const hints = tabletop.scenario.meta.hints.length;
    await start();
    clock.advance(1000);
    link.control({ inject: 'flash-sale' });
    expect(await until(/inject flash-sale/)).toMatch(/inject flash-sale: a retailer's flash sale/);
    link.control({ hint: true });
    expect(await until(/hint 1/)).toContain(`hint 1 of ${hints}: Latency is climbing on the live environment`);
    link.control({ inject: 'flash-sal' });
    link.control({ pause: true });
    await until(/PAUSED/);
    // Had the refusal been drawn, it would be by now.
    await tick(50);
    const frame = app.lastFrame()!;
    expect(frame).toContain(`hint 1 of ${hints}: `);
    expect(frame).not.toMatch(/unknown inject|paused at/);
    expect(frame).toMatch(/PAUSED/);
    expect(frame).not.toMatch(/causes now|best play|switch stable blue/);
  });
});
