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
