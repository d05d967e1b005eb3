import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands.js';
import { Drill } from '../../src/core/drill.js';
import { binomialTail, judgeSnapshot } from '../../src/core/snapshot-suite.js';
import { scenario } from '../helpers.js';

/** P(X = i) by the textbook formula, for small n. */
function pmf(n: number, p: number, i: number): number {
  let c = 1;
  for (let j = 1; j <= i; j++) c = (c * (n - j + 1)) / j;
  return c * p ** i * (1 - p) ** (n - i);
}

function command(text: string) {
  const cmd = parseCommand(text);
  if ('error' in cmd) throw new Error(cmd.error);
  return cmd;
}

const SEEDS_1_100 = Array.from({ length: 100 }, (_, i) => i + 1);

describe('the exact binomial tail', () => {
  it('sums the same probabilities as the textbook formula', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.nat(), (n, p, raw) => {
        const k = raw % (n + 1);
        let low = 0;
        for (let i = 0; i <= k; i++) low += pmf(n, p, i);
        let high = 0;
        for (let i = k; i <= n; i++) high += pmf(n, p, i);
        expect(binomialTail(n, p, k, 'low')).toBeCloseTo(low, 10);
        expect(binomialTail(n, p, k, 'high')).toBeCloseTo(high, 10);
      }),
      { numRuns: 300 },
    );
  });

  it('stays finite where single terms underflow (500 cases at 98%)', () => {
    // 485 good answers where 490 are expected: about 1.6 standard deviations low.
    const p = binomialTail(500, 0.98, 485, 'low');
    expect(p).toBeGreaterThan(0.04);
    expect(p).toBeLessThan(0.1);
    expect(binomialTail(500, 0.98, 400, 'low')).toBeLessThan(1e-20);
  });
});

describe('a snapshot suite judged by a stated test', () => {
  it('shares its significance among the comparisons of a run, so more comparisons do not mean more false alarms', () => {
    // 26 of 500 against 2%: p about 0.0007, worse at 1% for one comparison, not when shared by twenty.
    const one = judgeSnapshot(500, [{ name: 'x', baseline: 0.02, good: 'low', count: 22 }], 0.01);
    expect(one[0]!.worse).toBe(true);
    const many = judgeSnapshot(500, Array.from({ length: 20 }, (_, i) => ({ name: `x${i}`, baseline: 0.02, good: 'low' as const, count: 22 })), 0.01);
    expect(many.every((v) => !v.worse)).toBe(true);
  });

  it('passes after a correct pin on at least 99 of seeds 1-100 (silent-provider-update, pinned to the dated version)', () => {
    const s = scenario('silent-provider-update');
    let passed = 0;
    for (const seed of SEEDS_1_100) {
      const drill = new Drill(s.spec, seed);
      drill.advance(180_000);
      const pin = drill.submit(command('pin assistant-llm gpt-4o-2024-11-20'), 'test');
      while (pin.status === 'running') drill.advance(1000);
      const verify = drill.submit(command('verify'), 'test');
      while (verify.status === 'running' && !drill.done) drill.advance(1000);
      expect(verify.status === 'done' || verify.status === 'failed', `seed ${seed}`).toBe(true);
      if (verify.status === 'done') passed++;
    }
    expect(passed).toBeGreaterThanOrEqual(99);
  }, 60_000);

  it('fails while the regression the scenario declares is live, on at least 99 of seeds 1-100', () => {
    const s = scenario('silent-provider-update');
    let failed = 0;
    for (const seed of SEEDS_1_100) {
      const drill = new Drill(s.spec, seed);
      drill.advance(180_000);
      const record = drill.submit(command('verify'), 'test');
      drill.advance(120_000);
      if (record.status === 'failed') failed++;
      if (seed === 1) expect(record.reason).toMatch(/behaviour is worse than the baseline \(500 cases, one-sided binomial test at 1% over 2 comparisons\): .*sycophancy 0\.3\d\d vs baseline 0\.020/);
    }
    expect(failed).toBeGreaterThanOrEqual(99);
  }, 60_000);

  it('refuses a significance level of 0% or 100%', () => {
    const drill = new Drill(scenario('silent-provider-update').spec, 1);
    for (const level of ['0', '100%']) {
      const record = drill.submit({ verb: 'verify', args: [], options: { significance: level } }, 'test');
      expect(record.reason).toMatch(/a significance level must be above 0% and below 100%/);
    }
  });
});
