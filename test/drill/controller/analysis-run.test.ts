import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/drill/controller/analysis-run.js';
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
