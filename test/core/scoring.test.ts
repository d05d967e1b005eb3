import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactScore, MAX_POINTS, recoveryPenalty, score, unscored, type ScoreInput } from '../../src/core/scoring.js';

const base: ScoreInput = {
  targetMs: 300_000,
  outageMs: 180_000,
  detectMs: 60_000,
  recoverMs: 120_000,
  userMinutes: 100,
  rowsMissing: 0,
  sideEffectsLeft: 0,
  unnecessaryRollbacks: 0,
  actionsFailed: 0,
};

describe('score', () => {
  it('falls with every second the outage lasts, and falls most when it never ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400_000 }), fc.integer({ min: 1, max: 86_400_000 }), (a, by) => {
        expect(exactScore({ ...base, outageMs: a + by })).toBeLessThan(exactScore({ ...base, outageMs: a }));
        expect(recoveryPenalty(null, 300_000)).toBeGreaterThan(recoveryPenalty(a + by, 300_000));
      }),
      { numRuns: 300 },
    );
  });

  it('takes nothing off for recovery when there was no impact', () => {
    const s = score({ ...base, outageMs: 0, detectMs: null, recoverMs: null, userMinutes: 0 });
    expect(s.score).toBe(100);
    expect(s.penalties).toEqual([]);
  });

  it('says how long the outage lasted, from impact, and when it was detected', () => {
    const s = score({ ...base, rowsMissing: 1000, unnecessaryRollbacks: 1 });
    expect(s.penalties.find((p) => p.id === 'recovery')!.explain).toBe('outage of 3:00 (detected after 1:00, recovered 2:00 after detection) against a target of 5:00');
    expect(100 - s.penalties.reduce((t, p) => t + p.points, 0)).toBeCloseTo(s.score, 0);
    expect(s.penalties.map((p) => p.id)).toEqual(['recovery', 'users', 'data', 'unnecessary']);
  });

  it('counts every penalty in the number its count needs: one action, two actions', () => {
    const explain = (input: Partial<ScoreInput>): string[] => score({ ...base, ...input }).penalties.filter((p) => p.id !== 'recovery').map((p) => p.explain);
    expect(explain({ userMinutes: 1, rowsMissing: 1, unnecessaryRollbacks: 1, sideEffectsLeft: 1, actionsFailed: 1 })).toEqual([
      '1 user-minute of failed or bad responses beyond the healthy baseline',
      '1 row not back at the end',
      '1 rollback that removed no cause',
      '1 side effect nobody undid (irreversible, or never compensated)',
      '1 action failed',
    ]);
    expect(explain({ userMinutes: 2, rowsMissing: 2, unnecessaryRollbacks: 2, sideEffectsLeft: 2, actionsFailed: 2 })).toEqual([
      '2 user-minutes of failed or bad responses beyond the healthy baseline',
      '2 rows not back at the end',
      '2 rollbacks that removed no cause',
      '2 side effects nobody undid (irreversible, or never compensated)',
      '2 actions failed',
    ]);
  });

  it('keeps its penalties under 100 together, so it never needs to stop at zero', () => {
    expect(Object.values(MAX_POINTS).reduce((s, x) => s + x, 0)).toBeLessThan(100);
    const worst = score({ ...base, outageMs: null, userMinutes: 1e12, rowsMissing: 1e12, sideEffectsLeft: 1e12, unnecessaryRollbacks: 1e6, actionsFailed: 1e6 });
    expect(worst.score).toBeGreaterThanOrEqual(0);
  });
});

describe('a drill someone ended', () => {
  it('gets no score when it ended before the incident began or before anyone detected it', () => {
    expect(unscored({ endedByPerson: true, impactStartMs: null, detectedAtMs: null })).toBe('ended before the incident began');
    expect(unscored({ endedByPerson: true, impactStartMs: null, detectedAtMs: 5_000 })).toBe('ended before the incident began');
    expect(unscored({ endedByPerson: true, impactStartMs: 30_000, detectedAtMs: null })).toBe('ended before the incident was detected');
  });

  it('is scored once the incident was detected, and a drill that ended by itself always is', () => {
    expect(unscored({ endedByPerson: true, impactStartMs: 30_000, detectedAtMs: 150_000 })).toBeUndefined();
    expect(unscored({ endedByPerson: false, impactStartMs: null, detectedAtMs: null })).toBeUndefined();
    expect(unscored({ endedByPerson: false, impactStartMs: 30_000, detectedAtMs: null })).toBeUndefined();
  });
});
