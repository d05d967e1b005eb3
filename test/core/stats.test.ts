import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixtureQuantile, normalCdf, Z_P50, Z_P99, type LatencyComponent } from '../../src/core/stats.js';

/** The mixture's quantile as first written: every component's distribution computed at every step. */
function partByPart(parts: readonly LatencyComponent[], z: number): number {
  if (parts.length === 1) {
    const p = parts[0]!;
    return p.weight > 0 ? p.offsetMs + p.medianMs * Math.exp(p.sigma * z) : NaN;
  }
  const live = parts.filter((p) => p.weight > 0);
  if (live.length === 0) return NaN;
  if (live.length === 1) return live[0]!.offsetMs + live[0]!.medianMs * Math.exp(live[0]!.sigma * z);
  const q = normalCdf(z);
  const total = live.reduce((s, p) => s + p.weight, 0);
  let lo = Math.min(...live.map((p) => p.offsetMs));
  let hi = Math.max(...live.map((p) => p.offsetMs + p.medianMs * Math.exp(p.sigma * 6)));
  for (let i = 0; i < 40 && hi - lo > 1e-3 * hi; i++) {
    const mid = (lo + hi) / 2;
    let cdf = 0;
    for (const p of live) {
      const x = mid - p.offsetMs;
      if (x > 0 && p.medianMs > 0) cdf += p.weight * normalCdf(Math.log(x / p.medianMs) / p.sigma);
      else if (x > 0) cdf += p.weight;
    }
    if (cdf / total < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const component = fc.record({
  weight: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
  offsetMs: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2000, noNaN: true })),
  medianMs: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1000, noNaN: true })),
  sigma: fc.double({ min: 0.05, max: 2, noNaN: true }),
});

describe('mixtureQuantile', () => {
  it('gives, to the last bit, what computing every component at every step gives, however many of them are alike', () => {
    // Runs of equal components, as many routes on the same pods make.
    const runs = fc.array(fc.tuple(component, fc.integer({ min: 1, max: 20 })), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(runs, fc.constantFrom(Z_P50, Z_P99), (spec, z) => {
        const parts = spec.flatMap(([c, n]) => Array.from({ length: n }, (_, i) => ({ ...c, weight: c.weight === 0 ? 0 : c.weight + i })));
        expect(Object.is(mixtureQuantile(parts, z), partByPart(parts, z))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
