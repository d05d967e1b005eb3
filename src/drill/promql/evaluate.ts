import { isComparison, type BinaryOp, type Grouping, type Matcher, type PromExpr } from '../../formats/rollout/promql.js';

/** Labelled series sampled at whole seconds: the drill's store, or hand-made ones in a test. */
export interface SeriesSource<S extends { labels: Record<string, string> } = { labels: Record<string, string> }> {
  /** The latest second with a sample. */
  readonly nowS: number;
  select(name: string, matchers: readonly Matcher[]): S[];
  /** The latest sample at or before a second. */
  valueAt(series: S, t: number): number;
  /** Samples at whole seconds in (fromS, toS]. */
  samples(series: S, fromS: number, toS: number): { t: number; v: number }[];
}

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** What an instant query gives: a scalar or an instant vector. */
export type QueryResult = { type: 'scalar'; value: number } | { type: 'vector'; samples: Sample[] };

type Matrix = { series: { labels: Record<string, string> }; points: { t: number; v: number }[] }[];
type Value = QueryResult | { type: 'matrix'; matrix: Matrix };

/** A query the evaluator cannot answer (many-to-many matching): the measurement errors, as in Prometheus. */
export class EvaluationError extends Error {}

/**
 * Evaluates a query at the store's latest second, with Prometheus's semantics for the subset
 * the parser accepts (promql/engine.go and promql/functions.go in the Prometheus repository).
 */
export function evaluate(expr: PromExpr, store: SeriesSource): QueryResult {
  const v = evalAt(expr, store, store.nowS);
  if (v.type === 'matrix') throw new EvaluationError('a range vector is not a query result');
  return v;
}

function evalAt(expr: PromExpr, store: SeriesSource, t: number): Value {
  switch (expr.type) {
    case 'number':
      return { type: 'scalar', value: expr.value };
    case 'selector': {
      const series = store.select(expr.name!, expr.matchers);
      if (expr.rangeMs === null) return { type: 'vector', samples: series.map((s) => ({ labels: s.labels, value: store.valueAt(s, t) })) };
      const from = t - expr.rangeMs / 1000;
      return { type: 'matrix', matrix: series.map((s) => ({ series: s, points: store.samples(s, from, t) })) };
    }
    case 'negate': {
      const v = evalAt(expr.expr, store, t) as QueryResult;
      return v.type === 'scalar' ? { type: 'scalar', value: -v.value } : { type: 'vector', samples: v.samples.map((s) => ({ labels: dropName(s.labels), value: -s.value })) };
    }
    case 'call':
      return call(expr, store, t);
    case 'aggregate':
      return aggregate(expr, evalAt(expr.expr, store, t) as Extract<QueryResult, { type: 'vector' }>);
    case 'binary':
      return binary(expr, evalAt(expr.lhs, store, t) as QueryResult, evalAt(expr.rhs, store, t) as QueryResult);
  }
}

function call(expr: Extract<PromExpr, { type: 'call' }>, store: SeriesSource, t: number): Value {
  const args = expr.args.map((a) => evalAt(a, store, t));
  switch (expr.fn) {
    case 'rate':
    case 'increase':
    case 'irate': {
      const rangeS = (expr.args[0] as Extract<PromExpr, { type: 'selector' }>).rangeMs! / 1000;
      const m = (args[0] as { matrix: Matrix }).matrix;
      const samples: Sample[] = [];
      for (const { series, points } of m) {
        const value = expr.fn === 'irate' ? instantRate(points) : extrapolatedRate(points, t - rangeS, t, expr.fn === 'rate');
        if (value !== null) samples.push({ labels: dropName(series.labels), value });
      }
      return { type: 'vector', samples };
    }
    case 'histogram_quantile':
      return histogramQuantile((args[0] as { value: number }).value, (args[1] as { samples: Sample[] }).samples);
    case 'scalar': {
      const s = (args[0] as { samples: Sample[] }).samples;
      return { type: 'scalar', value: s.length === 1 ? s[0]!.value : NaN };
    }
    case 'vector':
      return { type: 'vector', samples: [{ labels: {}, value: (args[0] as { value: number }).value }] };
    case 'absent': {
      if ((args[0] as { samples: Sample[] }).samples.length > 0) return { type: 'vector', samples: [] };
      const arg = expr.args[0]!;
      const labels: Record<string, string> = {};
      if (arg.type === 'selector') for (const m of arg.matchers) if (m.op === '=') labels[m.label] = m.value;
      return { type: 'vector', samples: [{ labels, value: 1 }] };
    }
  }
}

/**
 * Prometheus's extrapolatedRate: the increase between the first and last samples in the
 * window, extrapolated to the window's edges when the samples reach within 1.1 sample
 * intervals of them (by half an interval otherwise), and never below zero at the start.
 */
export function extrapolatedRate(points: { t: number; v: number }[], rangeStart: number, rangeEnd: number, isRate: boolean): number | null {
  if (points.length < 2) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let result = last.v - first.v;
  for (let i = 1; i < points.length; i++) if (points[i]!.v < points[i - 1]!.v) result += points[i - 1]!.v;
  const sampled = last.t - first.t;
  const average = sampled / (points.length - 1);
  let toStart = first.t - rangeStart;
  const toEnd = rangeEnd - last.t;
  if (result > 0 && first.v >= 0) toStart = Math.min(toStart, sampled * (first.v / result));
  const threshold = average * 1.1;
  let interval = sampled;
  interval += toStart < threshold ? toStart : average / 2;
  interval += toEnd < threshold ? toEnd : average / 2;
  result *= interval / sampled;
  return isRate ? result / (rangeEnd - rangeStart) : result;
}

/** irate: the per-second increase between the last two samples. */
function instantRate(points: { t: number; v: number }[]): number | null {
  if (points.length < 2) return null;
  const a = points[points.length - 2]!;
  const b = points[points.length - 1]!;
  const delta = b.v < a.v ? b.v : b.v - a.v;
  return delta / (b.t - a.t);
}

function dropName(labels: Record<string, string>): Record<string, string> {
  if (!('__name__' in labels)) return labels;
  const { __name__: _, ...rest } = labels;
  return rest;
}

function signature(labels: Record<string, string>, g: Grouping | null, keepName = false): string {
  const keys = Object.keys(labels)
    .filter((k) => (keepName || k !== '__name__') && (g === null || (g.include ? g.labels.includes(k) : !g.labels.includes(k))))
    .sort();
  return keys.map((k) => `${k}\u0001${labels[k]}`).join('\u0000');
}

function aggregate(expr: Extract<PromExpr, { type: 'aggregate' }>, v: { samples: Sample[] }): QueryResult {
  const groups = new Map<string, { labels: Record<string, string>; values: number[] }>();
  for (const s of v.samples) {
    const g = expr.grouping;
    const labels: Record<string, string> = {};
    for (const [k, val] of Object.entries(s.labels)) {
      if (k === '__name__') continue;
      if (g && (g.include ? g.labels.includes(k) : !g.labels.includes(k))) labels[k] = val;
    }
    const key = signature(labels, null);
    const group = groups.get(key) ?? { labels, values: [] };
    group.values.push(s.value);
    groups.set(key, group);
  }
  const samples: Sample[] = [];
  for (const { labels, values } of groups.values()) {
    let value: number;
    switch (expr.op) {
      case 'sum':
        value = values.reduce((a, b) => a + b, 0);
        break;
      case 'avg':
        value = values.reduce((a, b) => a + b, 0) / values.length;
        break;
      case 'max':
      case 'min': {
        // NaN loses to any number, as in Prometheus.
        const real = values.filter((x) => !Number.isNaN(x));
        value = real.length === 0 ? NaN : expr.op === 'max' ? Math.max(...real) : Math.min(...real);
        break;
      }
    }
    samples.push({ labels, value });
  }
  return { type: 'vector', samples };
}

function arithmetic(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '^':
      return a ** b;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    default:
      throw new EvaluationError(`'${op}' between numbers`);
  }
}

function binary(expr: Extract<PromExpr, { type: 'binary' }>, l: QueryResult, r: QueryResult): QueryResult {
  const { op, bool } = expr;
  const compare = isComparison(op);
  if (l.type === 'scalar' && r.type === 'scalar') return { type: 'scalar', value: arithmetic(op, l.value, r.value) };
  if (l.type === 'vector' && r.type === 'vector') return vectorVector(expr, l.samples, r.samples);
  // A vector and a scalar: a comparison filters the vector (or gives 0/1 with bool); arithmetic maps it.
  const vector = (l.type === 'vector' ? l : r) as { samples: Sample[] };
  const scalar = (l.type === 'scalar' ? l : r) as { value: number };
  const samples: Sample[] = [];
  for (const s of vector.samples) {
    const [a, b] = l.type === 'vector' ? [s.value, scalar.value] : [scalar.value, s.value];
    const value = arithmetic(op, a, b);
    if (compare && !bool) {
      if (value === 1) samples.push({ labels: s.labels, value: s.value });
    } else {
      samples.push({ labels: dropName(s.labels), value });
    }
  }
  return { type: 'vector', samples };
}

function vectorVector(expr: Extract<PromExpr, { type: 'binary' }>, lhs: Sample[], rhs: Sample[]): QueryResult {
  const { op, bool, matching } = expr;
  const rightBy = new Map<string, Sample[]>();
  for (const s of rhs) {
    const key = signature(s.labels, matching);
    rightBy.set(key, [...(rightBy.get(key) ?? []), s]);
  }
  if (op === 'and' || op === 'unless') {
    return { type: 'vector', samples: lhs.filter((s) => rightBy.has(signature(s.labels, matching)) === (op === 'and')) };
  }
  if (op === 'or') {
    const left = new Set(lhs.map((s) => signature(s.labels, matching)));
    return { type: 'vector', samples: [...lhs, ...rhs.filter((s) => !left.has(signature(s.labels, matching)))] };
  }
  const samples: Sample[] = [];
  const seen = new Set<string>();
  for (const s of lhs) {
    const key = signature(s.labels, matching);
    const match = rightBy.get(key);
    if (!match) continue;
    if (match.length > 1) throw new EvaluationError(`found duplicate series for the match group of ${op}: many-to-many matching is not allowed`);
    if (seen.has(key)) throw new EvaluationError(`found duplicate series on the left of ${op}: many-to-many matching is not allowed`);
    seen.add(key);
    const value = arithmetic(op, s.value, match[0]!.value);
    if (isComparison(op) && !bool) {
      if (value === 1) samples.push({ labels: s.labels, value: s.value });
      continue;
    }
    let labels = dropName(s.labels);
    if (matching?.include) labels = Object.fromEntries(Object.entries(labels).filter(([k]) => matching.labels.includes(k)));
    samples.push({ labels, value });
  }
  return { type: 'vector', samples };
}

/**
 * histogram_quantile over classic buckets: per label set (without `le`), the bucket where the
 * rank falls, with linear interpolation inside it (promql/quantile.go's bucketQuantile).
 */
function histogramQuantile(q: number, samples: Sample[]): QueryResult {
  const groups = new Map<string, { labels: Record<string, string>; buckets: { upper: number; count: number }[] }>();
  for (const s of samples) {
    const le = s.labels.le;
    if (le === undefined) continue;
    const { le: _, __name__: _n, ...labels } = s.labels;
    const key = signature(labels, null);
    const g = groups.get(key) ?? { labels, buckets: [] };
    g.buckets.push({ upper: le === '+Inf' ? Infinity : Number(le), count: s.value });
    groups.set(key, g);
  }
  const out: Sample[] = [];
  for (const { labels, buckets } of groups.values()) out.push({ labels, value: bucketQuantile(q, buckets) });
  return { type: 'vector', samples: out };
}

export function bucketQuantile(q: number, input: { upper: number; count: number }[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const buckets = [...input].sort((a, b) => a.upper - b.upper);
  if (buckets.length < 2 || buckets[buckets.length - 1]!.upper !== Infinity) return NaN;
  // Cumulative counts should never fall; a fall from float rounding is ironed out.
  for (let i = 1; i < buckets.length; i++) if (buckets[i]!.count < buckets[i - 1]!.count) buckets[i]!.count = buckets[i - 1]!.count;
  const total = buckets[buckets.length - 1]!.count;
  if (total === 0) return NaN;
  const rank = q * total;
  const b = buckets.findIndex((x) => x.count >= rank);
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upper;
  if (b === 0 && buckets[0]!.upper <= 0) return buckets[0]!.upper;
  let start = 0;
  const end = buckets[b]!.upper;
  let count = buckets[b]!.count;
  let r = rank;
  if (b > 0) {
    start = buckets[b - 1]!.upper;
    count -= buckets[b - 1]!.count;
    r -= buckets[b - 1]!.count;
  }
  return start + (end - start) * (r / count);
}
