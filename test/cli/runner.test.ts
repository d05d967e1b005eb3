import { describe, expect, it } from 'vitest';
import { InlineRunner } from '../../src/cli/sweep/runner.js';
import { playbook, scenario } from '../helpers.js';

describe('drills in the calling thread', () => {
  it('stop after the drill running when asked to, instead of running the rest of the slice', async () => {
    const grid = { cases: 1, firstSeed: 1, seeds: 10 };
    const runner = new InlineRunner({ cases: [{ scenario: scenario('transient-spike'), playbook: playbook('windowed-rollback') }], grid, slice: { start: 0, step: 1, end: 10 }, firedrill: 'test' });
    const seeds: number[] = [];
    // As a signal arrives: between two drills, from the event loop.
    setImmediate(() => runner.stop());
    await runner.run((r) => seeds.push(r.seed));
    expect(seeds.length).toBeGreaterThanOrEqual(1);
    expect(seeds.length).toBeLessThan(10);
    expect(seeds).toEqual(Array.from({ length: seeds.length }, (_, i) => i + 1));
  });
});
