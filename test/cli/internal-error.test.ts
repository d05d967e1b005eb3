import { describe, expect, it, vi } from 'vitest';
import { cli } from './cli-helpers.js';

// A bug deep inside a drill: the command line must say it is a bug, and how to reproduce it.
vi.mock('../../src/drill/playbook-runner.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/drill/playbook-runner.js')>()),
  drillPlaybook: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'pods')");
  },
}));

describe('an internal error', () => {
  it('exits 3, says it is a bug in firedrill, and prints the command that reproduces it', async () => {
    const r = await cli('run', 'payment-schema-rollback', '--playbook', 'unified-release-rollback', '--seed', '9');
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^firedrill: internal error\. This is a bug in firedrill, not in your files\.\n/);
    expect(r.stderr).toMatch(/Reproduce it with: firedrill run payment-schema-rollback --playbook unified-release-rollback --seed 9\n/);
  });
});
