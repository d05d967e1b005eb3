import { describe, expect, it } from 'vitest';
import { BUCKETS } from '../../src/core/buckets.js';
import { sharedHistograms, type RunnerData } from '../../src/cli/sweep/cell.js';
import { InlineRunner } from '../../src/cli/sweep/runner.js';
import { playbook, scenario } from '../helpers.js';

function data(seeds: number, charts: boolean): RunnerData {
  const grid = { cases: 1, firstSeed: 1, seeds };
  return { cases: [{ scenario: scenario('transient-spike'), playbook: playbook('windowed-rollback') }], grid, slice: { start: 0, step: 1, end: seeds }, firedrill: 'test', charts, histograms: [] };
}

describe('drills in the calling thread', () => {
  it('stop after the drill running when asked to, instead of running the rest of the slice', async () => {
    const runner = new InlineRunner(data(10, false));
    const seeds: number[] = [];
    // As a signal arrives: between two drills, from the event loop.
    setImmediate(() => runner.stop());
    await runner.run((r) => seeds.push(r.seed));
    expect(seeds.length).toBeGreaterThanOrEqual(1);
    expect(seeds.length).toBeLessThan(10);
    expect(seeds).toEqual(Array.from({ length: seeds.length }, (_, i) => i + 1));
  });

  it('give detailed reports charts and what the playbook watched only when the run draws charts, the rest alike', async () => {
    const [drawn] = await new InlineRunner(data(1, true)).details([{ caseIndex: 0, seed: 1 }]);
    const [plain] = await new InlineRunner(data(1, false)).details([{ caseIndex: 0, seed: 1 }]);
    expect(drawn!.series!.scopes.all!.errorRate!.length).toBeGreaterThan(60);
    expect(drawn!.watched!.length).toBeGreaterThan(0);
    expect(plain).not.toHaveProperty('series');
    expect(plain).not.toHaveProperty('watched');
    const { series: _s, watched: _w, ...rest } = drawn!;
    expect(plain).toEqual(rest);
  });
});

describe('the user histograms a sweep hands its workers', () => {
  it('cover each population whose routes split it, once, and none of a scenario with one route', () => {
    const one = { scenario: scenario('transient-spike'), playbook: playbook('windowed-rollback') };
    const canary = { scenario: scenario('recommender-canary'), playbook: playbook('canary-auto-rollback') };
    expect(canary.scenario.spec.traffic.routes.length).toBeGreaterThan(1);
    const shared = sharedHistograms([one, canary, canary]);
    expect(shared.map((h) => h.users)).toEqual([canary.scenario.spec.traffic.users]);
    expect(shared[0]!.cumulative[BUCKETS]).toBe(canary.scenario.spec.traffic.users);
    expect(sharedHistograms([one])).toEqual([]);
  });
});
