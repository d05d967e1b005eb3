import { describe, expect, it } from 'vitest';
import { applyControl, facilitatorState, parseControl } from '../../src/drill/facilitator-protocol.js';
import { Tabletop } from '../../src/drill/tabletop.js';
import type { JournalEntry } from '../../src/drill/session.js';
import { FakeClock } from './fake-clock.js';
import { scenario } from '../helpers.js';

function tabletop(id = 'latency-spike') {
  const clock = new FakeClock();
  const journal: JournalEntry[] = [];
  const t = new Tabletop({ scenario: scenario(id), seed: 1, mode: 'team', speed: 10, clock, onJournal: (e) => journal.push(e) });
  return { t, clock, journal };
}

describe('reading a facilitator control', () => {
  it('accepts each control in its one shape', () => {
    expect(parseControl('{"pause":true}')).toEqual({ pause: true });
    expect(parseControl('{"resume":true}')).toEqual({ resume: true });
    expect(parseControl('{"speed":-1}')).toEqual({ speed: -1 });
    expect(parseControl('{"inject":"flash-sale"}')).toEqual({ inject: 'flash-sale' });
    expect(parseControl(' {"hint":true} ')).toEqual({ hint: true });
    expect(parseControl('{"end":true}')).toEqual({ end: true });
  });

  it.each([
    ['pause', /not a JSON line/],
    ['[1]', /expected a JSON object/],
    ['null', /expected a JSON object/],
    ['{}', /exactly one field, got 0/],
    ['{"pause":true,"end":true}', /exactly one field, got 2/],
    ['{"speed":5}', /"speed" takes 1 \(faster\) or -1 \(slower\), got 5/],
    ['{"inject":7}', /"inject" takes the id/],
    ['{"inject":""}', /"inject" takes the id/],
    ['{"end":"now"}', /"end" takes true, got "now"/],
    ['{"puase":true}', /unknown control 'puase'; did you mean 'pause'\?/],
  ])('answers %s with an error that says what was expected', (line, message) => {
    const parsed = parseControl(line);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});

describe('applying a facilitator control to a tabletop', () => {
  it('refuses to pause, fire an inject or reveal a hint while the team is still on the briefing', () => {
    const { t, journal } = tabletop();
    for (const control of [{ pause: true }, { inject: 'flash-sale' }, { hint: true }] as const) {
      const reply = applyControl(t, control);
      expect(reply.kind).toBe('error');
      expect(reply.lines[0]).toMatch(/has not started the clock/);
    }
    expect(journal).toEqual([]);
    expect(t.hintsRevealed).toEqual([]);
  });

  it('pauses and resumes the driver, steps the speed, and says when there is nothing to do', () => {
    const { t, clock } = tabletop();
    t.driver.start();
    clock.advance(1000);
    expect(applyControl(t, { pause: true }).lines[0]).toBe('paused at 0:10');
    expect(t.driver.paused).toBe(true);
    expect(applyControl(t, { pause: true }).lines[0]).toBe('already paused at 0:10');
    clock.advance(5000);
    expect(t.now).toBe(10_000);
    expect(applyControl(t, { resume: true }).lines[0]).toBe('resumed at 0:10, 10x');
    expect(applyControl(t, { speed: 1 }).lines[0]).toBe('speed 30x');
    expect(applyControl(t, { speed: 1 }).lines[0]).toBe('speed 60x');
    expect(applyControl(t, { speed: 1 }).lines[0]).toBe('already at the fastest speed, 60x');
    expect(t.driver.speed).toBe(60);
  });

  it('fires an inject through the tabletop: the world changes and the journal has it, by the facilitator', () => {
    const { t, clock, journal } = tabletop();
    t.driver.start();
    clock.advance(3000);
    expect(t.session.drill.world.trafficFactor()).toBe(1);
    const reply = applyControl(t, { inject: 'flash-sale' });
    expect(reply.kind).toBe('info');
    expect(reply.lines[0]).toMatch(/^inject flash-sale: a retailer's flash sale/);
    expect(t.session.drill.world.trafficFactor()).toBe(2.5);
    expect(journal).toEqual([{ atMs: 30_000, kind: 'inject', by: 'facilitator', inject: 'flash-sale' }]);
    expect(facilitatorState(t, []).view.injects).toEqual([expect.objectContaining({ id: 'flash-sale', firedAtMs: 30_000 })]);
  });

  it('names the nearest inject when the id is misspelt, and fires nothing', () => {
    const { t, journal } = tabletop();
    t.driver.start();
    expect(applyControl(t, { inject: 'flash-sal' }).lines[0]).toBe("unknown inject 'flash-sal'; did you mean 'flash-sale'?");
    expect(journal).toEqual([]);
  });

  it('reveals the hints in order and ends the drill for the facilitator', () => {
    const { t, clock } = tabletop();
    t.driver.start();
    clock.advance(2000);
    expect(applyControl(t, { hint: true }).lines[0]).toMatch(/^hint 1 of \d+: /);
    expect(applyControl(t, { hint: true }).lines[0]).toMatch(/^hint 2 of \d+: /);
    expect(t.hintsRevealed.map((h) => [h.index, h.by])).toEqual([
      [0, 'facilitator'],
      [1, 'facilitator'],
    ]);
    expect(applyControl(t, { end: true }).lines[0]).toBe("drill ended at 0:20; the debrief is on the team's screen");
    expect(t.session.done).toBe(true);
    expect(t.endedBy).toBe('facilitator');
    expect(applyControl(t, { inject: 'flash-sale' }).lines[0]).toBe('the drill has ended');
    expect(applyControl(t, { end: true }).lines[0]).toBe('the drill had already ended at 0:20');
  });

  it('tells the facilitator what the team sees: the target clock and the alerts', () => {
    const { t, clock } = tabletop();
    const before = facilitatorState(t, ['3:06 switch stable blue']);
    expect(before.started).toBe(false);
    expect(before.view.reference).toEqual(['3:06 switch stable blue']);
    t.driver.start();
    // The alert on this scenario fires a little after three minutes of drill time.
    clock.advance(25_000);
    const after = facilitatorState(t, []);
    expect(after.started).toBe(true);
    expect(after.team.nowMs).toBe(250_000);
    expect(after.team.alerts.map((a) => a.id)).toContain('scorer-latency');
    expect(after.team.detectMs).toBeGreaterThan(0);
    expect(after.view.causes.length).toBeGreaterThan(0);
  });
});
