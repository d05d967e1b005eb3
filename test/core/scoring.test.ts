import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recoveryPenalty, score, type ScoreInput } from '../../src/core/scoring.js';

const base: ScoreInput = {
  targetMs: 300_000,
  impact: true,
  detectMs: 60_000,
  recoverMs: 120_000,
  userMinutes: 100,
  badResponses: 10,
  rowsLost: 0,
  rowsUnavailable: 0,
  irreversibleSideEffects: 0,
  unstableStates: 0,
  unnecessaryRollbacks: 0,
  actionsFailed: 0,
};

describe('score', () => {
  it('never improves when recovery gets slower', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7_200_000 }), fc.integer({ min: 0, max: 7_200_000 }), (a, b) => {
        const [fast, slow] = a <= b ? [a, b] : [b, a];
        expect(score({ ...base, recoverMs: slow }).score).toBeLessThanOrEqual(score({ ...base, recoverMs: fast }).score);
        expect(recoveryPenalty(null, 300_000)).toBeGreaterThanOrEqual(recoveryPenalty(slow, 300_000));
      }),
      { numRuns: 300 },
    );
  });

  it('explains every point it takes off', () => {
    const s = score({ ...base, rowsLost: 1000, unstableStates: 2, unnecessaryRollbacks: 1 });
    expect(100 - s.penalties.reduce((t, p) => t + p.points, 0)).toBeCloseTo(s.score, 0);
    for (const p of s.penalties) expect(p.explain.length).toBeGreaterThan(5);
    expect(s.penalties.map((p) => p.id)).toEqual(expect.arrayContaining(['data', 'unstable', 'unnecessary']));
  });
});
