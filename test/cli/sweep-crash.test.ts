import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { cli } from './cli-helpers.js';
import { tempDir } from './sweep-helpers.js';

// A bug that strikes one drill of a sweep (seed 2): a few drills run in this thread, so the mock holds.
vi.mock('../../src/drill/playbook-runner.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/drill/playbook-runner.js')>();
  return {
    ...real,
    drillPlaybook: (...args: Parameters<typeof real.drillPlaybook>) => {
      if (args[2] === 2) throw new TypeError("Cannot read properties of undefined (reading 'pods')");
      return real.drillPlaybook(...args);
    },
  };
});

describe('a drill that crashes inside a sweep', () => {
  it('exits 3, names the drill and its replay command, and leaves no half-written report', async () => {
    const out = tempDir('crash');
    const r = await cli('run', 'batched-change-rollback', '--playbook', 'reference', '--seeds', '3', '--out', out);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^firedrill: internal error\. This is a bug in firedrill/);
    expect(r.stderr).toContain('drill of batched-change-rollback with atomic-config-rollback, seed 2, failed: Cannot read properties of undefined');
    expect(r.stderr).toContain('Replay that drill alone with: firedrill run batched-change-rollback --playbook atomic-config-rollback --seed 2');
    expect(readdirSync(out)).toEqual([]);
  });
});
