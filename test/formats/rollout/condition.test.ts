import { describe, expect, it } from 'vitest';
import { ConditionError, evaluateCondition, parseCondition } from '../../../src/formats/rollout/condition.js';

const holds = (text: string, result: number | number[]) => evaluateCondition(parseCondition(text), result);

describe("Argo Rollouts' success and failure conditions", () => {
  it('index the vector a Prometheus query gives', () => {
    expect(holds('result[0] >= 0.95', [0.97])).toBe(true);
    expect(holds('result[0] >= 0.95', [0.9])).toBe(false);
  });

  it('handle the documented empty-vector and NaN cases', () => {
    expect(holds('len(result) == 0 || result[0] >= 0.95', [])).toBe(true);
    expect(holds('len(result) > 0 && result[0] >= 0.95', [])).toBe(false);
    expect(holds('isNaN(result) || result >= 0.95', NaN)).toBe(true);
    expect(holds('result >= 0.95', NaN)).toBe(false);
    expect(holds('default(result, 0) < 0.05', [])).toBe(true);
  });

  it('fail to evaluate where the expr language would: an index past the end, a list compared with a number', () => {
    expect(() => holds('result[0] >= 0.95', [])).toThrow(/index out of range/);
    expect(() => holds('result >= 0.95', [0.97])).toThrow(/needs a number, got a list/);
  });

  it('refuse names outside the language at their offset', () => {
    try {
      parseCondition('result[0] >= threshold');
      throw new Error('parsed');
    } catch (e) {
      expect(e).toBeInstanceOf(ConditionError);
      expect((e as ConditionError).offset).toBe(13);
      expect((e as Error).message).toBe("unknown name 'threshold': a condition reads the measurement as 'result'");
    }
    expect(() => parseCondition('max(result) > 1')).toThrow(/unknown function 'max'/);
  });
});
