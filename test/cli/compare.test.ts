import { describe, expect, it } from 'vitest';
import { compare } from '../../src/report/compare.js';
import { caseInfo, header, parts, record } from '../report/sweep-fixtures.js';
import { cli } from './cli-helpers.js';

describe('firedrill compare', () => {
  it('sets two playbooks side by side and says which meets the target more often', async () => {
    const r = await cli('compare', 'batched-change-rollback', '--playbook', 'naive', '--playbook', 'reference', '--seeds', '4');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^batched-change-rollback, seeds 1-4\n/);
    expect(r.stdout).toMatch(/A: sequential-config-rollback +B: atomic-config-rollback +B - A/);
    expect(r.stdout).toMatch(/met the target +0\/4 \(0\.0%\) +4\/4 \(100\.0%\) \* +\+100 pts/);
    expect(r.stdout).toMatch(/recovery p50 +\d+:\d\d +\d:\d\d \* +−\d+:\d\d/);
    expect(r.stdout).toContain('atomic-config-rollback meets the target more often: on 4 of 4 seeds, against 0 for sequential-config-rollback');
  });

  it('prints the comparison as JSON, rows and both summaries', async () => {
    const r = await cli('compare', 'batched-change-rollback', '--playbook', 'reference', '--playbook', 'naive', '--seed', '3', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.playbooks).toEqual(['atomic-config-rollback', 'sequential-config-rollback']);
    expect(c.moreOften).toBe('atomic-config-rollback');
    expect(c.seeds).toEqual({ first: 3, last: 3 });
    expect(c.rows.map((row: { metric: string }) => row.metric)).toEqual(expect.arrayContaining(['met the target', 'recovery p50', 'recovery p95', 'detection p50', 'score (mean)', 'users affected (mean)']));
    expect(c.summaries[0].drills).toBe(1);
  });

  it('exits 2 unless given one scenario and exactly two playbooks that fit it', async () => {
    expect((await cli('compare', 'batched-change-rollback', '--playbook', 'naive')).stderr).toMatch(/give --playbook exactly twice/);
    const misfit = await cli('compare', 'batched-change-rollback', '--playbook', 'naive', '--playbook', 'behavioural-pin', '--seeds', '2');
    expect(misfit.code).toBe(2);
    expect(misfit.stderr).toMatch(/unknown metric 'sycophancy'/);
    const same = await cli('compare', 'batched-change-rollback', '--playbook', 'naive', '--playbook', 'sequential-config-rollback');
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/two playbooks are both named 'sequential-config-rollback'/);
  });
});

describe('comparison rows', () => {
  it('calls a time that never came worse than any, and a tie neither', () => {
    const a = caseInfo({ playbook: 'a' });
    const b = caseInfo({ playbook: 'b' });
    const h = header([a, b], { first: 1, last: 2 });
    const s = parts(h, [record(a, 1, null), record(a, 2, null), record(b, 1, 100_000), record(b, 2, 100_000)]).summary;
    const c = compare(s.cases[0]!, s.cases[1]!);
    const row = (m: string) => c.rows.find((r) => r.metric === m)!;
    expect(row('recovery p50')).toMatchObject({ a: 'never', b: '1:40', better: 'b', difference: '' });
    expect(row('detection p50')).toMatchObject({ a: '1:00', b: '1:00', better: null, difference: '+0:00' });
    expect(c.moreOften).toBe('b');
  });
});
