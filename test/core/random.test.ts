import { describe, expect, it } from 'vitest';
import { Rng, Streams } from '../../src/core/random.js';

function moments(draw: () => number, runs: number): { mean: number; variance: number } {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < runs; i++) {
    const x = draw();
    sum += x;
    sq += x * x;
  }
  const mean = sum / runs;
  return { mean, variance: sq / runs - mean * mean };
}

describe('Rng', () => {
  it('draws binomial counts with the right mean and variance, for small and large n and any p', () => {
    const rng = new Rng('binomial');
    for (const [n, p] of [
      [5, 0.1],
      [20, 0.5],
      [39, 0.9],
      [30, 0.02],
      [500, 0.3],
      [5000, 0.001],
    ] as const) {
      const { mean, variance } = moments(() => rng.binomial(n, p), 40_000);
      expect(mean, `n=${n} p=${p}`).toBeCloseTo(n * p, 0);
      expect(Math.abs(variance - n * p * (1 - p)) / Math.max(0.05, n * p * (1 - p)), `n=${n} p=${p}`).toBeLessThan(0.1);
    }
  });

  it('keeps binomial counts within 0..n', () => {
    const rng = new Rng('bounds');
    for (let i = 0; i < 10_000; i++) {
      const n = i % 60;
      const k = rng.binomial(n, (i % 97) / 96);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThanOrEqual(n);
    }
  });

  it('draws Poisson counts with the right mean on both sides of the normal approximation', () => {
    const rng = new Rng('poisson');
    for (const mean of [0.5, 7, 29, 300]) expect(moments(() => rng.poisson(mean), 40_000).mean).toBeCloseTo(mean, 0);
  });

  it('gives each named stream its own sequence, the same for the same seed', () => {
    const a = new Streams(7);
    const b = new Streams(7);
    const draws = (s: Streams) => [s.get('traffic').uniform(), s.get('latency').uniform(), s.get('traffic').uniform()];
    expect(draws(a)).toEqual(draws(b));
    expect(new Streams(7).get('traffic').uniform()).not.toBe(new Streams(7).get('latency').uniform());
    expect(new Streams(8).get('traffic').uniform()).not.toBe(new Streams(7).get('traffic').uniform());
  });
});
