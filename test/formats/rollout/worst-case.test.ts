import { describe, expect, it } from 'vitest';
import { configPlaybook, readConfig } from '../../../src/formats/rollout/config.js';
import { worstCases, type WorstCase } from '../../../src/formats/rollout/worst-case.js';
import { argoRollout, flaggerCanary, prometheusRules } from './fixtures.js';

const MIN = 60_000;

function cases(text: string, file = 'config.yaml'): WorstCase[] {
  const files = [{ file, text }];
  return worstCases(configPlaybook(files, readConfig(files, { check: true })).controller!);
}

describe('worst case by arithmetic', () => {
  it("Argo's documented analysis (interval 5m, failureLimit 3) aborts on its fourth failed measurement, 15 minutes after the first", () => {
    const [c] = cases(argoRollout({ startingStep: 0 }));
    expect(c!.detectMs).toBe(0);
    expect(c!.toAct).toEqual([{ ms: 15 * MIN, why: 'failureLimit 3: the run fails on failed measurement 4, 3 × 5m after the first' }]);
    expect(c!.totalMs).toBe(15 * MIN);
  });

  it("Argo's startingStep 2 adds the 10 minute pause before the analysis starts: 25 minutes in all", () => {
    const [c] = cases(argoRollout({ startingStep: 2 }));
    expect(c!.toDetect.map((t) => t.ms)).toEqual([10 * MIN, 0]);
    expect(c!.totalMs).toBe(25 * MIN);
  });

  it('Argo measuring every 30s with failureLimit 1 aborts 30 seconds after the first failed measurement', () => {
    expect(cases(argoRollout({ interval: '30s', failureLimit: 1 }))[0]!.totalMs).toBe(30_000);
  });

  it('an Argo pause without duration before the analysis means it may never start', () => {
    const [c] = cases(argoRollout({ startingStep: 2, steps: '        - setWeight: 20\n        - pause: {}\n        - setWeight: 40' }));
    expect(c!.totalMs).toBeNull();
    expect(c!.toDetect[0]!.why).toMatch(/pause with no duration/);
  });

  it("Flagger's documented analysis (interval 1m, threshold 10) rolls back 10 minutes after the first failed check, 11 after the canary takes traffic", () => {
    const all = cases(flaggerCanary());
    expect(all.map((c) => c.signal)).toEqual(['check request-success-rate', 'check request-duration']);
    for (const c of all) {
      expect(c.detectMs).toBe(MIN);
      expect(c.toAct[0]!.ms).toBe(10 * MIN);
      expect(c.totalMs).toBe(11 * MIN);
    }
  });

  it('Flagger with interval 30s and threshold 2 rolls back in a minute and a half', () => {
    expect(cases(flaggerCanary({ interval: '30s', threshold: 2 }))[0]!.totalMs).toBe(90_000);
  });

  it('a Prometheus alert with for: 10m cannot page inside five minutes: window 5m + evaluation 1m + for 10m', () => {
    const [c] = cases(prometheusRules());
    expect(c!.toDetect.map((t) => t.ms)).toEqual([5 * MIN, MIN, 10 * MIN]);
    expect(c!.totalMs).toBe(16 * MIN);
    expect(c!.ends).toBe('page');
  });
});
