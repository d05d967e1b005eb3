import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';

describe('a playbook carried out by people', () => {
  it('is the same drill whether run says --executor human or names the playbook human:NAME', async () => {
    const flag = await cli('run', 'payment-schema-rollback', '--playbook', 'reference', '--executor', 'human', '--seed', '3', '--json');
    const named = await cli('run', 'payment-schema-rollback', '--playbook', 'human:reference', '--seed', '3', '--json');
    const report = JSON.parse(flag.stdout);
    // By hand it misses the five-minute target on this seed: exit 1, as for any miss.
    expect(report.verdict).toBe('FAIL');
    expect(flag.code).toBe(1);
    expect(report.playbook).toBe('human:unified-release-rollback');
    expect(report.playbookRun.log.map((l: { text: string }) => l.text)).toContain('trigger fired: alert payment-errors');
    expect(named.stdout).toBe(flag.stdout);
  });

  it('runs beside the same playbook automated in compare', async () => {
    const r = await cli('compare', 'payment-schema-rollback', '--playbook', 'reference', '--playbook', 'human:reference', '--seeds', '3', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).playbooks).toEqual(['unified-release-rollback', 'human:unified-release-rollback']);
  });

  it('refuses an executor that is neither automated nor human', async () => {
    const r = await cli('run', 'payment-schema-rollback', '--playbook', 'reference', '--executor', 'robot');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--executor is automated or human, not 'robot'/);
  });
});
