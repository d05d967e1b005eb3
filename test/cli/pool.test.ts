import { describe, expect, it } from 'vitest';
import type { RunnerData } from '../../src/cli/sweep/cell.js';
import { DrillCrashError, WorkerPool } from '../../src/cli/sweep/pool.js';
import { playbook, scenario } from '../helpers.js';

const DYING = new URL('./fixtures/dying-worker.mjs', import.meta.url);
const STUCK = new URL('./fixtures/stuck-worker.mjs', import.meta.url);

function data(seeds: number): RunnerData {
  const grid = { cases: 1, firstSeed: 1, seeds };
  return { cases: [{ scenario: scenario('transient-spike'), playbook: playbook('windowed-rollback') }], grid, slice: { start: 0, step: 1, end: seeds }, firedrill: 'test', charts: false, histograms: [] };
}

describe('a worker pool whose workers die', () => {
  it('fails with the drill the first one was running, and every later death is handled, not thrown', async () => {
    const pool = new WorkerPool(data(100), 4, DYING);
    try {
      const error = await pool.run(() => {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DrillCrashError);
      const crash = (error as DrillCrashError).crash;
      expect(crash.caseIndex).toBe(0);
      expect([1, 3, 5, 7, 9, 11, 13, 15]).toContain(crash.seed);
      expect(crash.message).toBe('the worker thread running it stopped: Worker terminated due to reaching memory limit: JS heap out of memory');
      // The other workers die too, after the first failure was reported: give them time to.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await expect(pool.details([{ caseIndex: 0, seed: 1 }])).rejects.toBe(error);
    } finally {
      await pool.close();
    }
  }, 30_000);
});

describe('a worker pool asked to stop', () => {
  it('waits a bounded time for a drill that does not finish, then reports the others and counts it abandoned', async () => {
    const pool = new WorkerPool(data(40), 2, STUCK, 1000);
    try {
      const seeds: number[] = [];
      await pool.run((r) => {
        seeds.push(r.seed);
        if (seeds.length === 1) pool.stop();
      });
      expect(pool.abandoned).toBeGreaterThanOrEqual(1);
      expect(seeds).not.toContain(3);
      expect(seeds).toEqual([...seeds].sort((a, b) => a - b));
      expect(seeds.length + pool.abandoned).toBeLessThanOrEqual(40);
    } finally {
      await pool.close();
    }
  }, 30_000);
});
