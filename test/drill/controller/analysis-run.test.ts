import { describe, expect, it } from 'vitest';
import { AnalysisRun, judge, type Measured } from '../../../src/drill/controller/analysis-run.js';
import type { SeriesSource } from '../../../src/drill/promql/evaluate.js';
import { parsePromql } from '../../../src/formats/rollout/promql.js';
import type { MeasurementSpec } from '../../../src/formats/controller.js';
import { parseCondition } from '../../../src/formats/rollout/condition.js';

function metric(success?: string, failure?: string): MeasurementSpec {
  const cond = (text?: string) => (text === undefined ? null : { text, cond: parseCondition(text) });
  return {
    name: 'm',
    query: { text: 'vector(1)', expr: { type: 'number', value: 1 } },
    everyMs: 60_000,
    count: null,
    initialDelayMs: 0,
    success: cond(success),
    failure: cond(failure),
    failureLimit: 0,
    inconclusiveLimit: 0,
    consecutiveErrorLimit: 4,
    dryRun: false,
  };
}

describe("a measurement's phase, as Argo Rollouts' EvaluateResult gives it", () => {
  it('with only a success condition, not meeting it is a failure', () => {
    expect(judge(metric('result[0] >= 0.9'), [0.5])).toBe('failed');
    expect(judge(metric('result[0] >= 0.9'), [0.95])).toBe('successful');
  });

  it('with only a failure condition, not meeting it is a success', () => {
    expect(judge(metric(undefined, 'result[0] >= 10'), [3])).toBe('successful');
    expect(judge(metric(undefined, 'result[0] >= 10'), [12])).toBe('failed');
  });

  it('with both, a value that meets neither is inconclusive: the rollout pauses for a person', () => {
    const m = metric('result[0] >= 0.90', 'result[0] < 0.50');
    expect(judge(m, [0.7])).toBe('inconclusive');
    expect(judge(m, [0.4])).toBe('failed');
  });
});

/** A store with one gauge-like series whose value the test sets. */
function gauge(values: (number | null)[]): { store: SeriesSource; at: (i: number) => void } {
  let i = 0;
  const series = { labels: { __name__: 'g' } };
  return {
    store: {
      get nowS() {
        return i;
      },
      select: () => (values[i] === null ? [] : [series]),
      valueAt: () => values[i]!,
      samples: () => [],
    },
    at: (n) => void (i = n),
  };
}

describe('an analysis run over time', () => {
  const spec = (over: Partial<MeasurementSpec>): MeasurementSpec => ({ ...metric('result[0] >= 0.9'), query: { text: 'sum(g)', expr: parsePromql('sum(g)') }, ...over });

  it('fails only when failed measurements exceed failureLimit: with 3, on the fourth', () => {
    const g = gauge([0.5, 0.5, 0.5, 0.5, 0.5]);
    const log: Measured[] = [];
    const run = new AnalysisRun('r', [spec({ failureLimit: 3, everyMs: 1000 })], 0, g.store, (m) => log.push(m));
    for (let s = 0; s < 3; s++) {
      g.at(s);
      run.poll(s * 1000);
      expect(run.phase).toBe('running');
    }
    g.at(3);
    run.poll(3000);
    expect(run.phase).toBe('failed');
    expect(run.message).toBe('m: failed (4) > failureLimit (3)');
    expect(log.map((m) => m.phase)).toEqual(['failed', 'failed', 'failed', 'failed']);
  });

  it('counts a measurement that cannot be evaluated (no data for result[0]) as an error, and errs past consecutiveErrorLimit', () => {
    const g = gauge([null, null, null]);
    const run = new AnalysisRun('r', [spec({ consecutiveErrorLimit: 1, everyMs: 1000 })], 0, g.store, () => {});
    g.at(0);
    run.poll(0);
    expect(run.phase).toBe('running');
    g.at(1);
    run.poll(1000);
    expect(run.phase).toBe('error');
  });

  it('succeeds on reaching its count, and a dry-run metric decides nothing', () => {
    const g = gauge([0.95, 0.95]);
    const run = new AnalysisRun('r', [spec({ count: 2, everyMs: 1000 }), spec({ name: 'dry', dryRun: true, success: null, failure: { text: 'true', cond: { k: 'bool', v: true } } })], 0, g.store, () => {});
    g.at(0);
    run.poll(0);
    g.at(1);
    run.poll(1000);
    expect(run.phase).toBe('successful');
  });
});
