import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/random.js';
import { neutralEffect } from '../../src/core/rules.js';
import type { TrafficSpec } from '../../src/core/spec.js';
import { flow, newRouteFlow } from '../../src/core/traffic.js';

const traffic = (probability: number, maxAttempts: number): TrafficSpec => ({
  rps: 1,
  users: 100,
  latency: { medianMs: 80, sigma: 0.5 },
  baseErrorRate: 0,
  baseQuality: 1,
  timeoutMs: 2000,
  retry: { probability, maxAttempts },
  queueS: 1,
  routes: [{ name: 'stable', weight: 1, track: 'main', overrides: {} }],
});

describe('client retries', () => {
  // Small counts over several attempt cohorts: where rounding each cohort on its own once made requests from nothing.
  it('bring back only requests that failed the second before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer(),
        (rps, capacityRps, errorRate, probability, maxAttempts, seed) => {
          const ctx = { traffic: traffic(probability, maxAttempts), metrics: [], outcomes: new Rng(String(seed)) };
          const state = newRouteFlow(maxAttempts);
          const groups = [{ capacityRps, effect: { ...neutralEffect(), errorRate }, timeoutMs: 2000, fallback: null }];
          let failedBefore = 0;
          for (let s = 0; s < 40; s++) {
            const out = flow(ctx, state, rps, groups, 1);
            expect(out.retries).toBeLessThanOrEqual(failedBefore);
            failedBefore = out.errors + out.timeouts - out.rescued + out.rejected;
          }
        },
      ),
      { numRuns: 400 },
    );
  }, 30_000);
});
