import { describe, expect, it } from 'vitest';
import { conditionHolds, evaluate, isHarmful } from '../../src/core/rules.js';
import type { RuleSpec } from '../../src/core/spec.js';
import { parseCondition } from '../../src/formats/scenario.js';

const stack = { 'payment-api': '2.14', 'payments-db': '2.15', 'ranker.trainedOn': 'emb-v1', 'embedder.schema': 'emb-v2' };

describe('conditions', () => {
  it('match versions by equality and by comparison', () => {
    expect(conditionHolds(parseCondition('payment-api', '2.14'), stack)).toBe(true);
    expect(conditionHolds(parseCondition('payments-db', '>= 2.15'), stack)).toBe(true);
    expect(conditionHolds(parseCondition('payments-db', '< 2.15'), stack)).toBe(false);
  });

  it('compare one stack key with another', () => {
    expect(conditionHolds(parseCondition('ranker.trainedOn', '!= $embedder.schema'), stack)).toBe(true);
    expect(conditionHolds(parseCondition('ranker.trainedOn', '== $embedder.schema'), stack)).toBe(false);
  });

  it('treat a missing key as not matching, except for !=', () => {
    expect(conditionHolds(parseCondition('absent', 'x'), stack)).toBe(false);
    expect(conditionHolds(parseCondition('absent', '!= x'), stack)).toBe(true);
  });
});

const rule = (id: string, when: Record<string, string>, effect: RuleSpec['effect']): RuleSpec => ({
  id,
  when: Object.entries(when).map(([k, v]) => parseCondition(k, v)),
  effect,
  explain: id,
});

describe('evaluate', () => {
  it('compounds independent error rates and multiplies latency factors', () => {
    const rules = [
      { rule: rule('a', { 'payment-api': '2.14' }, { errorRate: 0.5, latencyFactor: 2 }), strength: 1 },
      { rule: rule('b', { 'payments-db': '2.15' }, { errorRate: 0.5, latencyFactor: 3 }), strength: 1 },
      { rule: rule('c', { 'payments-db': '2.16' }, { errorRate: 1 }), strength: 1 },
    ];
    const e = evaluate(rules, stack);
    expect(e.errorRate).toBeCloseTo(0.75);
    expect(e.latencyFactor).toBeCloseTo(6);
    expect(e.matched.map((m) => m.rule.id)).toEqual(['a', 'b']);
  });

  it('scales a ramping rule by its strength', () => {
    const e = evaluate([{ rule: rule('drift', {}, { quality: -0.4, latencyFactor: 3 }), strength: 0.5 }], stack);
    expect(e.quality).toBeCloseTo(-0.2);
    expect(e.latencyFactor).toBeCloseTo(2);
  });

  it('calls a rule harmful only when it makes something worse', () => {
    const metrics = new Map([['sycophancy', { name: 'sycophancy', kind: 'rate' as const, baseline: 0.02, sd: 0, good: 'low' as const, description: '' }]]);
    expect(isHarmful({ crash: true }, metrics)).toBe(true);
    expect(isHarmful({ latencyFactor: 0.5 }, metrics)).toBe(false);
    expect(isHarmful({ metrics: { sycophancy: 0.3 } }, metrics)).toBe(true);
    expect(isHarmful({ metrics: { sycophancy: -0.01 } }, metrics)).toBe(false);
  });
});
