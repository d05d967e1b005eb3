import type { Condition, Effect, MetricSpec, RuleSpec, SideEffectClass, Value } from './spec.js';
import { compareValues, valuesEqual } from './versions.js';

/** The versions and settings one request meets, flattened: `payment-api` -> "2.15", `payments-db` -> "2.15". */
export type Stack = Readonly<Record<string, Value>>;

export function conditionHolds(c: Condition, stack: Stack): boolean {
  const actual = stack[c.key];
  const expected = c.ref !== undefined ? stack[c.ref] : c.value;
  if (actual === undefined || expected === undefined) return c.op === 'ne' && actual !== expected;
  switch (c.op) {
    case 'eq':
      return valuesEqual(actual, expected as Value);
    case 'ne':
      return !valuesEqual(actual, expected as Value);
    case 'in':
      return (expected as readonly Value[]).some((v) => valuesEqual(actual, v));
    case 'lt':
      return compareValues(actual, expected as Value) < 0;
    case 'le':
      return compareValues(actual, expected as Value) <= 0;
    case 'gt':
      return compareValues(actual, expected as Value) > 0;
    case 'ge':
      return compareValues(actual, expected as Value) >= 0;
  }
}

export function ruleMatches(rule: RuleSpec, stack: Stack): boolean {
  for (const c of rule.when) if (!conditionHolds(c, stack)) return false;
  return true;
}

/** A rule in force: scenario rules at full strength, fault rules possibly ramping or scaled. */
export interface ActiveRule {
  rule: RuleSpec;
  strength: number;
}

export interface SideEffectRate {
  kind: string;
  class: SideEffectClass;
  perRequest: number;
}

/** Everything the matching rules do to one stack, combined. */
export interface StackEffect {
  crash: boolean;
  errorRate: number;
  latencyFactor: number;
  addedLatencyMs: number;
  capacityFactor: number;
  quality: number;
  metrics: Record<string, number>;
  sideEffects: SideEffectRate[];
  matched: ActiveRule[];
}

export function neutralEffect(): StackEffect {
  return {
    crash: false,
    errorRate: 0,
    latencyFactor: 1,
    addedLatencyMs: 0,
    capacityFactor: 1,
    quality: 0,
    metrics: {},
    sideEffects: [],
    matched: [],
  };
}

/**
 * Combines the rules that match a stack. Independent failure causes compound (1 - prod(1 - e)),
 * latency and capacity factors multiply, additive shifts add.
 */
export function evaluate(rules: readonly ActiveRule[], stack: Stack): StackEffect {
  const out = neutralEffect();
  let survive = 1;
  for (const active of rules) {
    if (!ruleMatches(active.rule, stack)) continue;
    const scale = active.rule.scaleBy === undefined ? 1 : clamp01(Number(stack[active.rule.scaleBy] ?? 0));
    const s = active.strength * scale;
    if (s <= 0) continue;
    out.matched.push(s === active.strength ? active : { rule: active.rule, strength: s });
    const e = active.rule.effect;
    if (e.crash) out.crash = true;
    if (e.errorRate) survive *= 1 - clamp01(e.errorRate * s);
    if (e.latencyFactor !== undefined) out.latencyFactor *= 1 + (e.latencyFactor - 1) * s;
    if (e.addedLatencyMs) out.addedLatencyMs += e.addedLatencyMs * s;
    if (e.capacityFactor !== undefined) out.capacityFactor *= 1 + (e.capacityFactor - 1) * s;
    if (e.quality) out.quality += e.quality * s;
    if (e.metrics) for (const [name, delta] of Object.entries(e.metrics)) out.metrics[name] = (out.metrics[name] ?? 0) + delta * s;
    if (e.sideEffects) for (const fx of e.sideEffects) out.sideEffects.push({ ...fx, perRequest: fx.perRequest * s });
  }
  out.errorRate = 1 - survive;
  return out;
}

/** A rule is harmful when its effect makes anything worse for users or the business. */
export function isHarmful(effect: Effect, metrics: ReadonlyMap<string, MetricSpec>): boolean {
  if (effect.crash || (effect.errorRate ?? 0) > 0 || (effect.addedLatencyMs ?? 0) > 0) return true;
  if ((effect.latencyFactor ?? 1) > 1 || (effect.capacityFactor ?? 1) < 1 || (effect.quality ?? 0) < 0) return true;
  if ((effect.sideEffects?.length ?? 0) > 0) return true;
  for (const [name, delta] of Object.entries(effect.metrics ?? {})) {
    const good = metrics.get(name)?.good ?? 'high';
    if ((good === 'high' && delta < 0) || (good === 'low' && delta > 0)) return true;
  }
  return false;
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
