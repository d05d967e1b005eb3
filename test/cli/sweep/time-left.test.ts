import { describe, expect, it } from 'vitest';
import { TimeLeft } from '../../../src/cli/sweep/time-left.js';

const HOUR_MS = 3_600_000;

describe('the time a sweep has left', () => {
  it('prices a case not yet started at its horizon, at what the drills so far cost per horizon', () => {
    const t = new TimeLeft([
      { drills: 10, horizonMs: 2 * HOUR_MS },
      { drills: 10, horizonMs: 72 * HOUR_MS },
    ]);
    for (let i = 0; i < 10; i++) t.add(0, 10);
    // 100 ms for 10 drills of a 2 h horizon: 36 times that for each drill of a 72 h one.
    expect(t.leftMs(100)).toBeCloseTo(10 * 10 * 36, 6);
  });

  it('prices a started case at what its own drills cost, and turns thread time into wall time as the sweep has so far', () => {
    const t = new TimeLeft([
      { drills: 4, horizonMs: 2 * HOUR_MS },
      { drills: 4, horizonMs: 72 * HOUR_MS },
    ]);
    for (let i = 0; i < 4; i++) t.add(0, 10);
    t.add(1, 50);
    // 90 ms of thread time took 45 ms of wall time (two workers): three drills of 50 ms left, in half the time.
    expect(t.leftMs(45)).toBeCloseTo((3 * 50) / 2, 6);
  });

  it('does not promise a short end to a sweep whose long drills run last, as counting drills did', () => {
    const cases = [
      { drills: 20, horizonMs: 2 * HOUR_MS },
      { drills: 20, horizonMs: 72 * HOUR_MS },
    ];
    const t = new TimeLeft(cases);
    for (let i = 0; i < 20; i++) t.add(0, 1);
    const truthMs = 20 * 100;
    const byCountMs = 20;
    const estimate = t.leftMs(20)!;
    expect(estimate).toBeGreaterThan(10 * byCountMs);
    expect(estimate).toBeGreaterThan(truthMs / 3);
    expect(estimate).toBeLessThan(truthMs * 3);
  });

  it('says nothing before a drill has cost anything, and nothing is left at the end', () => {
    const t = new TimeLeft([{ drills: 2, horizonMs: HOUR_MS }]);
    expect(t.leftMs(1000)).toBeUndefined();
    t.add(0, 5);
    t.add(0, 5);
    expect(t.leftMs(1000)).toBe(0);
  });
});
