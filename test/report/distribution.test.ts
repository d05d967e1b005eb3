import { describe, expect, it } from 'vitest';
import { Distribution, Tally } from '../../src/report/sweep/distribution.js';

describe('Distribution', () => {
  it('gives exact nearest-rank percentiles', () => {
    const d = new Distribution();
    for (let v = 1; v <= 100; v++) d.add(v * 1000);
    expect(d.percentile(50)).toBe(50_000);
    expect(d.percentile(95)).toBe(95_000);
    expect(d.percentile(100)).toBe(100_000);
    expect(d.max()).toBe(100_000);
  });

  it('counts never as slower than any time: percentiles that land on it are null', () => {
    const d = new Distribution();
    for (let i = 0; i < 90; i++) d.add(60_000);
    for (let i = 0; i < 10; i++) d.add(null);
    expect(d.percentile(50)).toBe(60_000);
    expect(d.percentile(90)).toBe(60_000);
    expect(d.percentile(95)).toBeNull();
    expect(d.max()).toBeNull();
    expect(d.never).toBe(10);
  });

  it('keeps one counter per distinct value, however many are added', () => {
    const d = new Distribution();
    for (let i = 0; i < 100_000; i++) d.add((i % 300) * 1000);
    expect(d.countIn(0, 300_000)).toBe(100_000);
    expect((d as unknown as { counts: Map<number, number> }).counts.size).toBe(300);
  });

  it('has no percentile when empty', () => {
    expect(new Distribution().percentile(50)).toBeNull();
  });
});

describe('Tally', () => {
  it('keeps mean, min and max, the mean to two decimals', () => {
    const t = new Tally();
    for (const v of [1, 2, 2]) t.add(v);
    expect(t.summary()).toEqual({ mean: 1.67, min: 1, max: 2 });
    expect(new Tally().summary()).toBeNull();
  });
});
