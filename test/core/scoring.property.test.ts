import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactScore, score, type ScoreInput } from '../../src/core/scoring.js';
import { drillCase, runCase } from '../drill-cases.js';

const minutes = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: max * 60_000 });
const count = fc.integer({ min: 0, max: 10_000_000 });

const inputs: fc.Arbitrary<ScoreInput> = fc.record({
  targetMs: fc.integer({ min: 60_000, max: 3_600_000 }),
  outageMs: fc.option(minutes(3 * 24 * 60), { nil: null }),
  detectMs: fc.option(minutes(120), { nil: null }),
  recoverMs: fc.option(minutes(240), { nil: null }),
  userMinutes: fc.integer({ min: 0, max: 100_000_000 }),
  rowsMissing: count,
  sideEffectsLeft: count,
  unnecessaryRollbacks: fc.integer({ min: 0, max: 10 }),
  actionsFailed: fc.integer({ min: 0, max: 50 }),
});

type Worsening = (i: ScoreInput, by: number) => ScoreInput;

/** Every way a drill can go worse, each by a positive amount. */
const WORSE: Record<string, Worsening> = {
  'a longer outage': (i, by) => ({ ...i, outageMs: i.outageMs === null ? null : i.outageMs + by }),
  'never recovering': (i) => ({ ...i, outageMs: null }),
  'more user-minutes': (i, by) => ({ ...i, userMinutes: i.userMinutes + by }),
  'more rows missing': (i, by) => ({ ...i, rowsMissing: i.rowsMissing + by }),
  'more side effects left': (i, by) => ({ ...i, sideEffectsLeft: i.sideEffectsLeft + by }),
  'more unnecessary rollbacks': (i, by) => ({ ...i, unnecessaryRollbacks: i.unnecessaryRollbacks + Math.ceil(by / 1000) }),
  'more failed actions': (i, by) => ({ ...i, actionsFailed: i.actionsFailed + Math.ceil(by / 1000) }),
};

describe('the score', () => {
  it('falls whenever anything about the drill gets worse, and its rounding never rises', () => {
    fc.assert(
      fc.property(inputs, fc.constantFrom(...Object.keys(WORSE)), fc.integer({ min: 1, max: 1_000_000 }), (input, how, by) => {
        const worse = WORSE[how]!(input, by);
        // An outage that never ended cannot get longer.
        if (JSON.stringify(worse) === JSON.stringify(input)) return;
        expect(exactScore(worse), how).toBeLessThan(exactScore(input));
        expect(score(worse).score, how).toBeLessThanOrEqual(score(input).score);
      }),
      { numRuns: 2000 },
    );
  }, 30_000);

  it('stays in 0-100 and explains every point it takes off', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const { score: points, penalties } = score(input);
        expect(points).toBeGreaterThanOrEqual(0);
        expect(points).toBeLessThanOrEqual(100);
        const taken = penalties.reduce((s, p) => s + p.points, 0);
        expect(Math.abs(100 - taken - points)).toBeLessThanOrEqual(0.5 + 0.05 * penalties.length);
        for (const p of penalties) expect(p.points > 0 && p.explain.length > 0).toBe(true);
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('gives PASS only to a drill with no impact, or recovered inside the target with no needless rollback', () => {
    fc.assert(
      fc.property(drillCase, (c) => {
        const r = runCase(c).result();
        const inTime = r.impactStartMs === null || (r.recoverMs !== null && r.recoverMs <= r.targetMs);
        expect(r.verdict === 'PASS', c.label).toBe(inTime && r.counts.unnecessaryRollbacks.length === 0);
      }),
      { numRuns: 20 },
    );
  }, 60_000);
});
