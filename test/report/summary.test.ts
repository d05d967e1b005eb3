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
    expect(cs.histogram.bins.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('bins recovery times as narrowly as their spread needs, and every one lands in a bin', () => {
    const drills = [1, 2, 3, 4, 5, 6].map((seed) => record(c, seed, 63_000 + seed * 1000));
    const hist = parts(h, drills).summary.cases[0]!.histogram;
    expect(hist.binMs).toBe(1000);
    expect(hist.bins.length).toBeGreaterThanOrEqual(10);
    expect(hist.fromMs).toBeLessThanOrEqual(64_000);
    expect(hist.fromMs + hist.bins.length * hist.binMs).toBeGreaterThan(69_000);
    expect(hist.bins.filter((n) => n > 0)).toEqual([1, 1, 1, 1, 1, 1]);
    const wide = [1, 2, 3, 4].map((seed) => record(c, seed, seed * 600_000));
    const w = parts(h, wide).summary.cases[0]!.histogram;
    expect(w.bins.reduce((a, b) => a + b, 0)).toBe(4);
    expect(w.bins.length).toBeLessThanOrEqual(21);
  });

  it('counts misses of a case listed as expected apart, and passes the run on them', () => {
    const expected = caseInfo({ scenario: 'data-gone', expectedMiss: { reason: 'the backups are gone', listedAt: 'firedrill.config.yaml:3' } });
    const both = header([c, expected], { first: 1, last: 2 });
    const drills = [record(c, 1, 60_000), record(c, 2, 60_000), record(expected, 1, null), record(expected, 2, null)];
    const s = parts(both, drills).summary;
    expect(s).toMatchObject({ status: 'passed', drills: 4, passed: 2, failed: 2, expectedMisses: 2, unexpectedPasses: 0 });
    expect(s.cases.map((x) => x.status)).toEqual(['passed', 'expected-miss']);
  });

  it('fails the run when a drill of an expected miss meets its target', () => {
    const expected = caseInfo({ scenario: 'data-gone', expectedMiss: { reason: 'the backups are gone', listedAt: 'firedrill.config.yaml:3' } });
    const drills = [record(expected, 1, null), record(expected, 2, 60_000)];
    const s = parts(header([expected], { first: 1, last: 2 }), drills).summary;
    expect(s).toMatchObject({ status: 'failed', passed: 1, failed: 1, expectedMisses: 1, unexpectedPasses: 1 });
    expect(s.cases[0]!.status).toBe('unexpected-pass');
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
