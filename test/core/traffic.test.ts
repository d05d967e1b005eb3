import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/random.js';
import { neutralEffect } from '../../src/core/rules.js';
import type { TrafficSpec } from '../../src/core/spec.js';
import { flow, newRouteFlow, type FlowGroup } from '../../src/core/traffic.js';

const traffic = (over: Partial<TrafficSpec> = {}): TrafficSpec => ({
  rps: 300,
  users: 10_000,
  latency: { medianMs: 80, sigma: 0.5 },
  baseErrorRate: 0.001,
  baseQuality: 0.99,
  timeoutMs: 2000,
  retry: { probability: 0.5, maxAttempts: 3 },
  queueS: 5,
  fallback: { enabled: true, budget: 'shared', latency: { medianMs: 100, sigma: 0.3 }, errorRate: 0.01, quality: 0.9 },
  routes: [{ name: 'stable', weight: 1, track: 'main', overrides: {} }],
  ...over,
});

const group = fc.record({
  capacityRps: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 800 })),
  errorRate: fc.double({ min: 0, max: 1, noNaN: true }),
  latencyFactor: fc.double({ min: 0.5, max: 40, noNaN: true }),
  fallback: fc.constantFrom(null, 'shared', 'own'),
});

describe('flow', () => {
  it('conserves requests: arrived plus the queue before equals served, rejected and the queue after, every second', () => {
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 30 }), fc.integer(), (specs, rps, seconds, seed) => {
        const rng = new Rng(String(seed));
        const state = newRouteFlow(3);
        const groups: FlowGroup[] = specs.map((g) => ({
          capacityRps: specs.some((x) => x.capacityRps === Infinity) ? Infinity : g.capacityRps,
          effect: { ...neutralEffect(), errorRate: g.errorRate, latencyFactor: g.latencyFactor },
          timeoutMs: 2000,
          fallback: g.fallback === null ? null : { budget: g.fallback },
        }));
        const ctx = { traffic: traffic(), metrics: [], outcomes: rng };
        for (let s = 0; s < seconds; s++) {
          const out = flow(ctx, state, rps, groups, 1);
          const arrived = out.arrivals + out.retries;
          expect(arrived + out.queueBefore).toBe(out.served + out.rejected + out.queueAfter);
          expect(out.errors + out.timeouts + (out.ok - out.rescued)).toBe(out.served);
          expect(out.rescued).toBeLessThanOrEqual(out.fallbackTried);
          expect(out.good).toBeLessThanOrEqual(out.ok);
          for (const n of [out.arrivals, out.retries, out.queueAfter, out.served, out.rejected, out.errors, out.timeouts, out.ok, out.good, out.rescued]) {
            expect(n).toBeGreaterThanOrEqual(0);
            expect(Number.isInteger(n)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives a fallback that shares the budget nothing after a timeout, and an own budget a chance', () => {
    const slow = { ...neutralEffect(), latencyFactor: 20 };
    const run = (budget: 'shared' | 'own') => {
      const ctx = { traffic: traffic(), metrics: [], outcomes: new Rng('fb') };
      const out = flow(ctx, newRouteFlow(3), 1000, [{ capacityRps: Infinity, effect: slow, timeoutMs: 1000, fallback: { budget } }], 1);
      return out;
    };
    const shared = run('shared');
    const own = run('own');
    expect(shared.timeouts).toBeGreaterThan(500);
    // Only fast failures (errors, not timeouts) leave a shared budget anything to spend.
    expect(shared.rescued).toBeLessThanOrEqual(shared.errors);
    expect(shared.fallbackStarved).toBe(shared.timeouts);
    expect(own.rescued).toBeGreaterThan(own.timeouts * 0.9);
  });

  it('queues what capacity cannot serve and rejects past the queue limit', () => {
    const ctx = { traffic: traffic({ queueS: 2 }), metrics: [], outcomes: new Rng('q') };
    const state = newRouteFlow(3);
    const groups = [{ capacityRps: 100, effect: neutralEffect(), timeoutMs: 2000, fallback: null }];
    let out = flow(ctx, state, 300, groups, 1);
    for (let i = 0; i < 10; i++) out = flow(ctx, state, 300, groups, 1);
    expect(out.served).toBe(100);
    expect(out.queueAfter).toBe(200);
    expect(out.rejected).toBeGreaterThan(0);
  });
});
