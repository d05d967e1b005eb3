import { describe, expect, it } from 'vitest';
import { STALL_MS } from '../../src/drill/coach.js';
import { Tabletop } from '../../src/drill/tabletop.js';
import { scenario } from '../helpers.js';

function training(id: string): Tabletop {
  return new Tabletop({ scenario: scenario(id), seed: 1, mode: 'training' });
}

describe('the training coach', () => {
  it('unlocks hints one at a time after detection, and keeps locked ones locked', () => {
    const t = training('payment-schema-rollback');
    t.session.advance(30_000);
    t.enter('inspect payment-api');
    t.session.advance(70_000);
    t.enter('inspect payments-db');
    t.session.advance(40_000);
    const detect = t.session.drill.tracker.detectMs!;
    expect(detect).toBeGreaterThan(100_000);
    expect(t.coach!.hintsUnlocked).toBe(0);
    expect(t.enter('hint').lines[0]).toMatch(/^no hint yet: the next one unlocks at/);
    expect(t.hintsRevealed).toHaveLength(0);
    const hints = t.scenario.meta.hints;
    expect(hints[1]!.unlockMs).toBeGreaterThan(hints[0]!.unlockMs);
    t.session.advance(detect + hints[0]!.unlockMs - t.now);
    expect(t.coach!.hintsUnlocked).toBe(1);
    expect(t.hintReady()).toBe('hint 1 is ready: type hint to see it');
    expect(t.enter('hint').lines[0]).toBe(`hint 1 of ${hints.length}: ${hints[0]!.text}`);
    expect(t.hintReady()).toBeUndefined();
  });

  it('asks before revealing the last hint, which gives the play away', () => {
    const t = training('payment-schema-rollback');
    const n = t.scenario.meta.hints.length;
    t.session.advance(20 * 60_000);
    expect(t.coach!.hintsUnlocked).toBe(n);
    for (let i = 1; i < n; i++) t.enter('hint');
    expect(t.enter('hint').lines[0]).toBe('the last hint gives the play away; type hint again to see it');
    expect(t.hintsRevealed).toHaveLength(n - 1);
    expect(t.enter('hint').lines[0]).toMatch(new RegExp(`^hint ${n} of ${n}: `));
  });

  it('unlocks a hint when the learner stalls once something has gone wrong, even before any alert', () => {
    const t = training('silent-provider-update');
    while (t.coach!.notes.length === 0) t.session.advance(1000);
    const troubleMs = t.coach!.notes[0]!.tMs;
    t.session.advance(troubleMs + STALL_MS - 1000 - t.now);
    expect(t.coach!.hintsUnlocked).toBe(0);
    t.session.advance(2000);
    expect(t.session.drill.tracker.detectMs).toBeUndefined();
    expect(t.coach!.hintsUnlocked).toBe(1);
  });

  it('counts no stall while all is well: waiting before the incident unlocks nothing', () => {
    const t = training('prompt-template-regression');
    t.session.advance(4 * 60_000);
    expect(t.coach!.notes).toHaveLength(0);
    expect(t.coach!.hintsUnlocked).toBe(0);
  });

  it('says once when a problem starts and when it stops, naming the signal and not the rule', () => {
    const t = training('payment-schema-rollback');
    t.session.advance(60_000);
    expect(t.coach!.notes).toHaveLength(1);
    const start = t.coach!.notes[0]!.text;
    expect(start).toMatch(/^Something changed: requests now meet a new problem/);
    expect(start).toContain('errorRate');
    expect(start).not.toContain('npe-saved-cards');
    expect(start).not.toContain('NullPointerException');
    t.session.advance(60_000);
    expect(t.coach!.notes).toHaveLength(1);
    t.enter('rollback-release --max-unavailable 25%');
    t.session.advance(10 * 60_000);
    expect(t.coach!.notes.map((n) => n.text.slice(0, 30))).toEqual(['Something changed: requests no', 'One problem has stopped affect']);
  });

  it('leaves team drills without a coach: hints are the facilitator’s', () => {
    const t = new Tabletop({ scenario: scenario('payment-schema-rollback'), seed: 1, mode: 'team' });
    expect(t.coach).toBeUndefined();
    expect(t.enter('hint').lines[0]).toMatch(/facilitator/);
    expect(t.revealHint('facilitator').lines[0]).toMatch(new RegExp(`^hint 1 of ${t.scenario.meta.hints.length}: `));
  });
});
