import { selectorsOf, type PromExpr } from '../../formats/rollout/promql.js';
import type { CounterSeries, SeriesStore } from '../promql/series-store.js';

/** The chart a controller's query can be drawn on: a metric of the drill, over one route or all traffic. */
export interface ChartMetric {
  metric: string;
  /** null: the query reads every route, as the chart's all-traffic line does. */
  route: string | null;
}

/**
 * The drill metric a query measures in that metric's own units, where one does: a ratio of a
 * scenario metric's `_sum` to its `_count` (the metric's mean, as its chart draws it), or of
 * failed requests to all requests (the error rate). Any other query (a success rate, a latency
 * quantile in seconds, arithmetic on top) reads in units no chart has: null, and it is listed,
 * not drawn. The routes are those of the series the query's selectors pick, as it reads them:
 * one route, or all of them (the chart's all-traffic line).
 */
export function chartMetricOf(expr: PromExpr, store: SeriesStore, metrics: readonly string[], routes: readonly string[]): ChartMetric | null {
  if (expr.type !== 'binary' || expr.op !== '/') return null;
  const num = picked(expr.lhs, store);
  const den = picked(expr.rhs, store);
  if (!num || !den || num.length === 0 || den.length === 0) return null;
  const metric = meanOf(num, den, metrics) ?? errorShareOf(num, den);
  if (metric === null) return null;
  // Both sides over the same routes, or the ratio is of no one route's metric.
  const read = new Set(num.map((s) => s.labels.route));
  const over = new Set(den.map((s) => s.labels.route));
  if (read.size !== over.size || [...read].some((r) => !over.has(r))) return null;
  if (read.size === 1) return { metric, route: [...read][0]! };
  return read.size === routes.length ? { metric, route: null } : null;
}

/** The series a side of the ratio reads; undefined when a selector names no metric. */
function picked(expr: PromExpr, store: SeriesStore): CounterSeries[] | undefined {
  const out: CounterSeries[] = [];
  for (const s of selectorsOf(expr)) {
    if (s.name === null) return undefined;
    out.push(...store.select(s.name, s.matchers));
  }
  return out;
}

function meanOf(num: readonly CounterSeries[], den: readonly CounterSeries[], metrics: readonly string[]): string | null {
  const base = num[0]!.name.replace(/_sum$/, '');
  if (!metrics.includes(base)) return null;
  return num.every((s) => s.name === `${base}_sum`) && den.every((s) => s.name === `${base}_count`) ? base : null;
}

/** Failed requests (every code 5xx) over requests that include answered ones: the error rate. */
function errorShareOf(num: readonly CounterSeries[], den: readonly CounterSeries[]): string | null {
  const requests = (list: readonly CounterSeries[]): boolean => list.every((s) => s.name === 'requests_total');
  if (!requests(num) || !requests(den)) return null;
  const failedOnly = num.every((s) => s.labels.code?.startsWith('5'));
  const withAnswered = den.some((s) => s.labels.code === '200');
  return failedOnly && withAnswered ? 'errorRate' : null;
}
