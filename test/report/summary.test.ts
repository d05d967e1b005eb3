import { describe, expect, it } from 'vitest';
import { replayCommand, shellWord } from '../../src/report/sweep/header.js';
import { worseFirst } from '../../src/report/sweep/record.js';
import { caseInfo, header, parts, record } from './sweep-fixtures.js';

describe('sweep summary', () => {
  const c = caseInfo();
  const h = header([c], { first: 1, last: 10 });

  it('reports pass rate, recovery percentiles and the worst seed with its replay command', () => {
    const drills = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((seed) => record(c, seed, seed === 7 ? null : seed * 10_000));
    const s = parts(h, drills).summary;
    expect(s.status).toBe('failed');
    expect(s).toMatchObject({ drills: 10, passed: 9, failed: 1 });
    const cs = s.cases[0]!;
    expect(cs.passRate).toBe(0.9);
    expect(cs.recovery).toMatchObject({ n: 10, never: 1, p50Ms: 50_000, p95Ms: null, maxMs: null });
    expect(cs.worst).toMatchObject({ seed: 7, verdict: 'FAIL', recoverMs: null });
    expect(cs.worst!.replay).toBe('firedrill run scenarios/db-rollback.yaml --playbook unified --seed 7');
    expect(cs.histogram.never).toBe(1);
    expect(cs.histogram.bins.reduce((a, b) => a + b, 0) + cs.histogram.later).toBe(9);
  });

  it('passes only when every drill passed', () => {
    const drills = [1, 2, 3].map((seed) => record(c, seed, 120_000));
    expect(parts(h, drills).summary.status).toBe('passed');
  });

  it('orders drills worst first: a miss, then the slowest, then the lowest score, then the lowest seed', () => {
    const pass = record(c, 1, 200_000);
    const slowPass = record(c, 2, 290_000);
    const missInTime = record(c, 3, 100_000, { verdict: 'FAIL' });
    const never = record(c, 4, null);
    const sorted = [pass, slowPass, missInTime, never].sort(worseFirst).map((r) => r.seed);
    expect(sorted).toEqual([4, 3, 2, 1]);
    const tie = [record(c, 9, 100_000), record(c, 5, 100_000)].sort(worseFirst).map((r) => r.seed);
    expect(tie).toEqual([5, 9]);
  });

  it('quotes replay arguments only when a shell needs it', () => {
    expect(shellWord('scenarios/a-b.yaml')).toBe('scenarios/a-b.yaml');
    expect(shellWord("my drills/it's.yaml")).toBe(`'my drills/it'\\''s.yaml'`);
    expect(replayCommand({ scenarioRef: 'a b.yaml', playbookRef: 'p' }, 3)).toBe("firedrill run 'a b.yaml' --playbook p --seed 3");
  });
});
