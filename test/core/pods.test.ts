import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT } from '../../src/core/cause.js';
import { Kernel } from '../../src/core/kernel.js';
import { backoffMs, Fleet } from '../../src/core/pods.js';
import { Rng } from '../../src/core/random.js';
import type { DeploymentSpec } from '../../src/core/spec.js';
import { expectedRemovals, recountDifferences } from './fleet-recount.js';

const spec = (over: Partial<DeploymentSpec> = {}): DeploymentSpec => ({
  pool: 'p',
  replicas: 8,
  perPodRps: 1,
  startMs: 20_000,
  terminateMs: 2_000,
  maxSurge: 2,
  maxUnavailable: 0,
  ...over,
});

function setup(slots: number, crashing: Set<string>, over: Partial<DeploymentSpec> = {}) {
  const kernel = new Kernel();
  const fleet = new Fleet(kernel, new Rng('pods-test'), {
    crashReason: (_d, version) => (crashing.has(version) ? `${version} crashes` : null),
    changed: () => {},
  });
  fleet.addPool({ id: 'p', slots });
  fleet.addDeployment('api', spec(over), 'v1');
  return { kernel, fleet, pool: fleet.pools.get('p')!, pods: () => fleet.get('api').pods };
}

const phases = (pods: readonly { phase: string; version: string }[]) => {
  const out: Record<string, number> = {};
  for (const p of pods) out[`${p.version} ${p.phase}`] = (out[`${p.version} ${p.phase}`] ?? 0) + 1;
  return out;
};

describe('Fleet', () => {
  it('backs off crash-looping pods from 10 s, doubling up to 5 min', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('replaces pods in a full pool when the rollout may take some down', () => {
    const { kernel, fleet, pool, pods } = setup(8, new Set());
    let converged = false;
    fleet.rollout('api', 'main', { version: 'v2', recreate: false, maxSurge: 2, maxUnavailable: 2 }, FAULT).onEnd.push((ok) => (converged = ok));
    let minReady = Infinity;
    for (let t = 0; t < 600_000 && !converged; t += 1000) {
      kernel.runUntil(t);
      minReady = Math.min(minReady, pods().filter((p) => p.phase === 'ready').length);
      expect(pool.used).toBeLessThanOrEqual(pool.slots);
    }
    expect(converged).toBe(true);
    expect(phases(pods())).toEqual({ 'v2 ready': 8 });
    expect(minReady).toBe(6);
  });

  it('leaves a surge-only rollout Pending forever when the pool is full', () => {
    const { kernel, fleet, pods } = setup(8, new Set());
    fleet.rollout('api', 'main', { version: 'v2', recreate: false, maxSurge: 2, maxUnavailable: 0 }, FAULT);
    kernel.runUntil(3_600_000);
    expect(phases(pods())).toEqual({ 'v1 ready': 8, 'v2 pending': 2 });
  });

  it('keeps slots held by crash-looping pods, so the good version cannot schedule', () => {
    const { kernel, fleet, pool, pods } = setup(8, new Set(['old']));
    fleet.rollout('api', 'main', { version: 'old', recreate: true, maxSurge: 2, maxUnavailable: 0 }, FAULT);
    kernel.runUntil(120_000);
    expect(phases(pods())).toEqual({ 'old crashloop': 8 });
    expect(pool.used).toBe(8);
    fleet.rollout('api', 'main', { version: 'v1', recreate: false, maxSurge: 2, maxUnavailable: 0 }, FAULT);
    kernel.runUntil(3_600_000);
    expect(fleet.summary('api').crashloop).toBe(8);
    expect(fleet.summary('api').pending).toBe(2);
    expect(pool.used).toBe(8);
  });

  it('frees a full pool when crash-looping pods are scaled away', () => {
    const { kernel, fleet, pods } = setup(8, new Set(['old']));
    fleet.rollout('api', 'main', { version: 'old', recreate: true, maxSurge: 2, maxUnavailable: 0 }, FAULT);
    kernel.runUntil(120_000);
    fleet.scale('api', 'main', 0, FAULT);
    kernel.runUntil(130_000);
    fleet.rollout('api', 'main', { version: 'v1', recreate: false, maxSurge: 2, maxUnavailable: 0 }, FAULT);
    fleet.scale('api', 'main', 8, FAULT);
    kernel.runUntil(300_000);
    expect(phases(pods())).toEqual({ 'v1 ready': 8 });
  });

  it('brings a track scaled to zero back at the version its pods ran', () => {
    const { kernel, fleet, pods } = setup(8, new Set());
    fleet.scale('api', 'main', 0, FAULT);
    kernel.runUntil(10_000);
    expect(pods()).toEqual([]);
    fleet.scale('api', 'main', 3, FAULT);
    kernel.runUntil(60_000);
    expect(phases(pods())).toEqual({ 'v1 ready': 3 });
  });

  it('never uses more slots than the pool has, nor fewer than zero, whatever the rollouts', () => {
    const step = fc.record({
      version: fc.constantFrom('v1', 'v2', 'bad'),
      recreate: fc.boolean(),
      maxSurge: fc.integer({ min: 0, max: 4 }),
      maxUnavailable: fc.integer({ min: 0, max: 4 }),
      replicas: fc.integer({ min: 0, max: 12 }),
      waitS: fc.integer({ min: 0, max: 400 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(step, { maxLength: 8 }), (slots, steps) => {
        const { kernel, fleet, pool, pods } = setup(slots, new Set(['bad']));
        for (const s of steps) {
          fleet.scale('api', 'main', s.replicas, FAULT);
          fleet.rollout('api', 'main', s, FAULT);
          for (let t = 0; t < s.waitS; t += 10) {
            kernel.runUntil(kernel.now + 10_000);
            const holding = pods().filter((p) => p.holdsSlot).length;
            expect(pool.used).toBe(holding);
            expect(pool.used).toBeGreaterThanOrEqual(0);
            expect(pool.used).toBeLessThanOrEqual(pool.slots);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps every count equal to a full recount of its pods, and scales down in Kubernetes order, over random event sequences', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('scale' as const), deployment: fc.constantFrom('api', 'worker'), track: fc.constantFrom('main', 'green'), replicas: fc.integer({ min: 0, max: 14 }) }),
      fc.record({
        kind: fc.constant('rollout' as const),
        deployment: fc.constantFrom('api', 'worker'),
        track: fc.constantFrom('main', 'green'),
        version: fc.constantFrom('v1', 'v2', 'v3', 'bad', 'flaky'),
        recreate: fc.boolean(),
        maxSurge: fc.integer({ min: 0, max: 4 }),
        maxUnavailable: fc.integer({ min: 0, max: 4 }),
      }),
      fc.record({ kind: fc.constant('heal' as const) }),
      // Short waits catch pods mid-start and mid-backoff; long ones let rollouts finish.
      fc.record({ kind: fc.constant('wait' as const), ms: fc.oneof(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 400_000 })) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(step, { maxLength: 14 }), (slots, steps) => {
        const kernel = new Kernel();
        let flakyCrashes = true;
        const fleet = new Fleet(kernel, new Rng('pods-recount'), {
          crashReason: (_d, version) => (version === 'bad' || (version === 'flaky' && flakyCrashes) ? `${version} crashes` : null),
          changed: () => {},
        });
        fleet.addPool({ id: 'p', slots });
        fleet.addDeployment('api', spec({ replicas: 6, standby: { track: 'green', version: 'v2', replicas: 6 } }), 'v1');
        fleet.addDeployment('worker', spec({ replicas: 4, standby: { track: 'green', version: 'v1', replicas: 0 } }), 'v1');
        const agree = (when: string): void => expect(recountDifferences(fleet), when).toEqual([]);
        agree('at the start');
        for (const s of steps) {
          if (s.kind === 'scale') {
            const d = fleet.get(s.deployment);
            const quiet = d.rollouts.get(s.track)?.done ?? true;
            const live = (): number[] => d.pods.filter((p) => p.track === s.track && p.phase !== 'terminating').map((p) => p.id);
            const before = live();
            const expected = expectedRemovals(d.pods, s.track, s.replicas);
            fleet.scale(s.deployment, s.track, s.replicas, FAULT);
            const after = new Set(live());
            const left = before.filter((id) => !after.has(id));
            // With no rollout under way nothing else removes pods: exactly the expected ones go.
            if (quiet) expect(left.sort(), JSON.stringify(s)).toEqual([...expected].sort());
            else for (const id of expected) expect(after.has(id), `pod ${id} stays after ${JSON.stringify(s)}`).toBe(false);
          } else if (s.kind === 'rollout') {
            fleet.rollout(s.deployment, s.track, s, FAULT);
          } else if (s.kind === 'heal') {
            flakyCrashes = !flakyCrashes;
          } else {
            for (let t = 0; t < s.ms; t += 7_000) {
              kernel.runUntil(kernel.now + Math.min(7_000, s.ms - t));
              agree(`at ${kernel.now} ms`);
            }
          }
          agree(`after ${JSON.stringify(s)}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
