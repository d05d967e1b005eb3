import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseWorld } from '../../src/drill/fuzz/base-world.js';
import { incidentArbitrary } from '../../src/drill/fuzz/incident.js';
import { DEFAULT_FUZZ_SETTINGS, fuzzPlaybook, type FuzzSettings } from '../../src/drill/fuzz/search.js';
import { playbook, scenario } from '../helpers.js';

/** Small enough for the suite; the command line searches wider. */
const QUICK: FuzzSettings = { ...DEFAULT_FUZZ_SETTINGS, runs: 20, maxShrinks: 150 };

describe('the base world of a search', () => {
  it('rewinds a scenario that opens mid-incident to the last release it ran healthy', () => {
    const base = baseWorld(scenario('payment-schema-rollback'));
    expect(base.startRelease).toBe('r41');
    expect(base.skipped).toEqual(['r42']);
    expect(base.scenario.spec.faults).toEqual([]);
    expect(base.scenario.spec.history).toEqual([]);
  });

  it('keeps the start of a scenario that opens healthy, and drops its faults', () => {
    const s = scenario('batched-change-rollback');
    expect(s.spec.faults.length).toBeGreaterThan(0);
    const base = baseWorld(s);
    expect(base.startRelease).toBe(s.spec.initialRelease);
    expect(base.skipped).toEqual([]);
    expect(base.scenario.spec.faults).toEqual([]);
  });
});

describe('incidents', () => {
  it('draw only what the world has: its releases, components and versions, inside the window', () => {
    const base = baseWorld(scenario('payment-schema-rollback')).scenario;
    const { spec } = base;
    fc.assert(
      fc.property(incidentArbitrary(base), (incident) => {
        expect(incident.faults.length).toBeGreaterThanOrEqual(1);
        expect(incident.faults.length).toBeLessThanOrEqual(4);
        for (const f of incident.faults) {
          expect(f.atMs).toBeGreaterThanOrEqual(0);
          expect(f.atMs).toBeLessThanOrEqual(600_000);
          if (f.type === 'deploy') expect(spec.releases.map((r) => r.id)).toContain(f.release);
          if (f.type === 'set-version') expect(Object.keys(spec.components.find((c) => c.id === f.component)!.versions)).toContain(f.version);
          // No agents, registries or canary route in this world: none of those faults.
          expect(['agent', 'move-alias', 'retire', 'canary']).not.toContain(f.type);
        }
        expect(incident.faults.map((f) => f.atMs)).toEqual([...incident.faults.map((f) => f.atMs)].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });
});

describe('fuzzPlaybook', () => {
  it('finds an incident the naive code-only rollback misses and shrinks it to at most two faults', () => {
    const out = fuzzPlaybook(baseWorld(scenario('payment-schema-rollback')), playbook('code-only-rollback'), QUICK);
    expect(out.baseline.result.verdict).toBe('PASS');
    expect(out.finding).not.toBeNull();
    const { drill, firstFaults } = out.finding!;
    expect(drill.result.verdict).toBe('FAIL');
    expect(drill.incident.faults.length).toBeGreaterThanOrEqual(1);
    expect(drill.incident.faults.length).toBeLessThanOrEqual(Math.min(2, firstFaults));
  }, 30_000);

  it('tries the same incidents and reaches the same minimal one for the same seed', () => {
    const run = () => fuzzPlaybook(baseWorld(scenario('payment-schema-rollback')), playbook('code-only-rollback'), { ...QUICK, seed: 5 });
    const [a, b] = [run(), run()];
    expect(a.finding!.path).toBe(b.finding!.path);
    expect(a.finding!.drill.incident).toEqual(b.finding!.drill.incident);
    expect(JSON.stringify(a.finding!.drill.result)).toBe(JSON.stringify(b.finding!.drill.result));
  }, 30_000);

  it('goes straight to the minimal incident from the seed and the path a search printed', () => {
    const base = baseWorld(scenario('payment-schema-rollback'));
    const first = fuzzPlaybook(base, playbook('code-only-rollback'), { ...QUICK, seed: 3 });
    const again = fuzzPlaybook(base, playbook('code-only-rollback'), { ...QUICK, seed: 3, path: first.finding!.path });
    expect(again.finding!.drill.incident).toEqual(first.finding!.drill.incident);
  }, 30_000);

  it('finds nothing when no incident of the kinds asked for can hurt', () => {
    // Without a deployment, capacity is unbounded: a traffic spike costs nothing.
    const out = fuzzPlaybook(baseWorld(scenario('shared-timeout-budget')), playbook('tts-pointer-rollback'), {
      ...QUICK,
      runs: 5,
      space: { ...QUICK.space, kinds: ['traffic'] },
    });
    expect(out.finding).toBeNull();
    expect(out.tried).toBe(5);
  }, 30_000);
});

describe('generated rules', () => {
  it('name a model at a dated version, never at an alias, which a rule never sees', () => {
    const base = baseWorld(scenario('silent-provider-update')).scenario;
    const aliases = new Set(base.spec.registries.flatMap((r) => Object.keys(r.aliases)));
    const named = fc
      .sample(incidentArbitrary(base), { numRuns: 300, seed: 7 })
      .flatMap((i) => i.faults)
      .flatMap((f) => (f.type === 'rule' ? f.rule.when.map((c) => String(c.value)) : []));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((v) => aliases.has(v))).toEqual([]);
  });
});
