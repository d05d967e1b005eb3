import type { CheckSpec, MeasurementSpec } from '../../formats/controller.js';
import type { Cond } from '../../formats/rollout/condition.js';
import type { ChartMetric } from './chart-metric.js';

/**
 * One measurement a rollout controller took, as its report shows it: an Argo analysis's metric
 * or a Flagger canary's check, when, the value its query returned, what it made of it, and the
 * condition it judged by. Where the query reads a drill metric in that metric's units, the
 * chart it belongs on.
 */
export interface Measurement {
  tMs: number;
  /** `analysis engagement`, `canary check`. */
  by: string;
  /** The measurement's name in the config: `engagement`, `request-success-rate`. */
  name: string;
  /** The query's values as the controller's log shows them: `[0.6667]`, `0.7737`, or the error. */
  value: string;
  /** The first value, to draw; null when the query returned none or failed. */
  first: number | null;
  phase: 'successful' | 'failed' | 'inconclusive' | 'error';
  /** The condition in the config's words: `success: result[0] >= 0.79`, `min 0.79`. */
  condition: string;
  /** The level a failing value crosses, where the condition is one plain comparison of the first value. */
  failsBelow: number | null;
  failsAbove: number | null;
  chart: ChartMetric | null;
}

/** An Argo measurement's conditions in its own words. */
export function conditionText(spec: MeasurementSpec): string {
  const parts = [spec.success && `success: ${spec.success.text.trim()}`, spec.failure && `failure: ${spec.failure.text.trim()}`].filter((x): x is string => Boolean(x));
  return parts.length > 0 ? parts.join('; ') : 'no condition: every measurement succeeds';
}

/** A Flagger check's range in its own words. */
export function rangeText(check: CheckSpec): string {
  return [check.min !== null && `min ${check.min}`, check.max !== null && `max ${check.max}`].filter((x): x is string => Boolean(x)).join(', ');
}

/**
 * The level an Argo measurement fails past, where its condition compares `result[0]` (or a
 * scalar `result`) with one number: a success condition `>= 0.79` fails below 0.79, a failure
 * condition `> 0.05` fails above 0.05. Anything richer draws no level.
 */
export function failLevels(spec: MeasurementSpec): { failsBelow: number | null; failsAbove: number | null } {
  const none = { failsBelow: null, failsAbove: null };
  const only = spec.success && !spec.failure ? { cond: spec.success.cond, fails: false } : spec.failure && !spec.success ? { cond: spec.failure.cond, fails: true } : null;
  if (!only) return none;
  const cmp = comparison(only.cond);
  if (!cmp) return none;
  // "value > x" met by success means a failure at or below x; met by failure, a failure above it.
  const upward = cmp.op === '>' || cmp.op === '>=';
  return upward === only.fails ? { failsBelow: null, failsAbove: cmp.level } : { failsBelow: cmp.level, failsAbove: null };
}

/** `result[0] OP n` or `result OP n` (either way round), as the value compared with the level. */
function comparison(c: Cond): { op: string; level: number } | null {
  if (c.k !== 'op' || !['<', '<=', '>', '>='].includes(c.op)) return null;
  const isValue = (x: Cond): boolean => x.k === 'result' || (x.k === 'index' && x.of.k === 'result' && x.at.k === 'num' && x.at.v === 0);
  if (isValue(c.l) && c.r.k === 'num') return { op: c.op, level: c.r.v };
  const flipped: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
  if (isValue(c.r) && c.l.k === 'num') return { op: flipped[c.op]!, level: c.l.v };
  return null;
}
