import { bucketRanges, usersInRange } from './buckets.js';
import type { Series } from './metrics.js';
import type { Rng } from './random.js';
import type { MetricSpec, ScenarioSpec, SuiteSpec } from './spec.js';
import { lognormalTail, mixtureQuantile, Z_P50, Z_P99, type LatencyComponent } from './stats.js';
import type { FlowOutcome } from './traffic.js';

/**
 * Every metric a drill records, in one table: the built-in ones every scope has and the
 * scenario's business metrics, each with its unit, which way is good, its baseline (the value
 * the system ran at before the drill), how that steady state primes the windows, and how one
 * second of traffic is measured into its series. Series are recorded, primed and read in the
 * table's order; nothing else knows a metric by its position.
 */

/** Which way a metric is better; `neither` for load, which is not better or worse. */
export type GoodDirection = 'high' | 'low' | 'neither';

export interface MetricDef {
  name: string;
  unit: string;
  good: GoodDirection;
  about: string;
  /** The per-second numerator and denominator of the steady state (what windows before the drill see). */
  steady(s: SteadyState): readonly [number, number];
  /** The metric's normal value in that steady state; undefined when it has none (capacity that nothing bounds). */
  baseline(s: SteadyState): number | undefined;
  /** Pushes one second of traffic into the metric's series. */
  measure(series: Series, second: MeasuredSecond): void;
}

/** How the system ran before the drill, over one scope (the whole system, or a route's share of users). */
export interface SteadyState {
  rps: number;
  errorRate: number;
  timeoutRate: number;
  /** Requests answered per second. */
  ok: number;
  quality: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  capacityRps: number;
  /** Whether the serving pods bound capacity (false: a provider API, unbounded). */
  bounded: boolean;
}

/** One second of one scope, as the metrics read it. */
export interface MeasuredSecond {
  out: FlowOutcome;
  /** Requests that got an answer or were turned away. */
  processed: number;
  /** Requests that failed for the user: errors and timeouts the fallback did not rescue, and rejections. */
  failed: number;
  rng: Rng;
  timeoutMs: number;
  /** Results of the behavioural suites that ran since the last second recorded (the whole system's scope only). */
  suiteResults: ReadonlyMap<string, number> | undefined;
}

/**
 * Sampling spread of an empirical quantile from n requests, relative to sigma / sqrt(n):
 * sqrt(p (1 - p)) / phi(z_p), the asymptotic standard error of a sample quantile, at p = 0.5
 * (1.2533) and p = 0.99 (3.7328), rounded as the measurements have always used them.
 */
export const P50_SAMPLING_SPREAD = 1.25;
export const P99_SAMPLING_SPREAD = 3.73;

/** What a built-in metric takes from a second of traffic (see measureBuiltin). */
type Reading = 'attempts' | 'arrivals' | 'failed' | 'timeouts' | 'p50' | 'p99' | 'good' | 'capacity' | 'queue' | 'retries';

/**
 * How each built-in metric measures a second: what it counts, over what. One function for all of
 * them, so that recording a second, which calls every metric's `measure` in turn, calls one
 * function (and the business metrics' one) rather than a different one per metric.
 */
function measureBuiltin(reading: Reading, series: Series, second: MeasuredSecond): void {
  const { out } = second;
  switch (reading) {
    case 'attempts':
      return series.push(out.arrivals + out.retries, 1);
    case 'arrivals':
      return series.push(out.arrivals, 1);
    case 'failed':
      return series.push(second.failed, second.processed);
    case 'timeouts':
      return series.push(out.timeouts, second.processed);
    case 'p50':
      return measureQuantile(series, second, Z_P50, P50_SAMPLING_SPREAD);
    case 'p99':
      return measureQuantile(series, second, Z_P99, P99_SAMPLING_SPREAD);
    case 'good':
      return series.push(out.good, out.ok);
    case 'capacity':
      return series.push(Number.isFinite(out.capacityRps) ? out.capacityRps : 0, 1);
    case 'queue':
      return series.push(out.queueAfter, 1);
    case 'retries':
      return series.push(out.retries, 1);
  }
}

const measuring =
  (reading: Reading): MetricDef['measure'] =>
  (series, second) =>
    measureBuiltin(reading, series, second);

export const BUILTIN_METRICS: readonly MetricDef[] = [
  {
    name: 'requests',
    unit: 'requests/s',
    good: 'neither',
    about: 'attempts per second, retries included',
    steady: (s) => [s.rps, 1],
    baseline: (s) => s.rps,
    measure: measuring('attempts'),
  },
  {
    name: 'rps',
    unit: 'requests/s',
    good: 'neither',
    about: 'requests per second from users, before retries',
    steady: (s) => [s.rps, 1],
    baseline: (s) => s.rps,
    measure: measuring('arrivals'),
  },
  {
    name: 'errorRate',
    unit: 'share of requests',
    good: 'low',
    about: 'requests that failed for the user: errors, timeouts not rescued, rejections',
    steady: (s) => [s.rps * s.errorRate, s.rps],
    baseline: (s) => s.errorRate,
    measure: measuring('failed'),
  },
  {
    name: 'timeoutRate',
    unit: 'share of requests',
    good: 'low',
    about: 'requests that ran past the client timeout',
    steady: (s) => [s.rps * s.timeoutRate, s.rps],
    baseline: (s) => s.timeoutRate,
    measure: measuring('timeouts'),
  },
  {
    name: 'latencyP50Ms',
    unit: 'ms',
    good: 'low',
    about: 'median latency of the requests served, as measured from them',
    steady: (s) => [s.latencyP50Ms, 1],
    baseline: (s) => s.latencyP50Ms,
    measure: measuring('p50'),
  },
  {
    name: 'latencyP99Ms',
    unit: 'ms',
    good: 'low',
    about: '99th percentile latency of the requests served, as measured from them',
    steady: (s) => [s.latencyP99Ms, 1],
    baseline: (s) => s.latencyP99Ms,
    measure: measuring('p99'),
  },
  {
    name: 'quality',
    unit: 'share of answers',
    good: 'high',
    about: 'answers that were good, of those given',
    steady: (s) => [s.ok * s.quality, s.ok],
    baseline: (s) => s.quality,
    measure: measuring('good'),
  },
  {
    name: 'capacityRps',
    unit: 'requests/s',
    good: 'high',
    about: 'requests per second the ready pods can serve',
    steady: (s) => [s.capacityRps, 1],
    baseline: (s) => (s.bounded ? s.capacityRps : undefined),
    measure: measuring('capacity'),
  },
  {
    name: 'queue',
    unit: 'requests',
    good: 'low',
    about: 'requests waiting for a pod at the end of the second',
    steady: () => [0, 1],
    baseline: () => 0,
    measure: measuring('queue'),
  },
  {
    name: 'retries',
    unit: 'requests/s',
    good: 'low',
    about: 'client retries of failed requests per second',
    steady: () => [0, 1],
    baseline: () => 0,
    measure: measuring('retries'),
  },
];

export const BUILTIN_METRIC_NAMES: readonly string[] = BUILTIN_METRICS.map((m) => m.name);

/** A scenario's business metric: a rate is a share of answers, a gauge a score per answer. */
function businessMetric(m: MetricSpec, index: number): MetricDef {
  return {
    name: m.name,
    unit: m.kind === 'rate' ? 'share of answers' : 'score per answer',
    good: m.good,
    about: m.description,
    steady: (s) => [s.ok * m.baseline, s.ok],
    baseline: () => m.baseline,
    measure: (series, { out }) => series.push(out.metricSums[index]!, out.ok),
  };
}

/** The metrics a suite's runs produce: each measure, then the worst change from the baseline. */
export function suiteMetricNames(id: string, measures: readonly string[]): string[] {
  return [...measures.map((m) => `${id}.${m}`), `${id}.drift`];
}

/**
 * A suite's results: the measure as its cases scored it (its unit, direction and baseline are
 * the measure's), and `drift`, how much worse than the baseline its worst measure was, in
 * percent. Nothing is measured in a second without a run; the runs before the drill are not
 * replayed into windows (steady state: nothing measured).
 */
function suiteMetrics(spec: Pick<ScenarioSpec, 'metrics'>, suite: SuiteSpec): MetricDef[] {
  const fromRuns = (name: string) => (series: Series, { suiteResults }: MeasuredSecond) => {
    const v = suiteResults?.get(name);
    if (v === undefined) series.push(0, 0);
    else series.push(v, 1);
  };
  const measured = suite.measures.map((m): MetricDef => {
    const of = m === 'quality' ? BUILTIN_METRICS.find((b) => b.name === 'quality')! : businessMetric(spec.metrics.find((x) => x.name === m)!, -1);
    const name = `${suite.id}.${m}`;
    return { ...of, name, about: `${of.about}, as the ${suite.id} suite's ${suite.cases} cases scored it`, steady: () => [0, 0], measure: fromRuns(name) };
  });
  const drift = `${suite.id}.drift`;
  return [
    ...measured,
    { name: drift, unit: 'percent', good: 'low', about: `how much worse than its baseline the ${suite.id} suite's worst measure was`, steady: () => [0, 0], baseline: () => 0, measure: fromRuns(drift) },
  ];
}

/** What the metric table reads of a scenario. */
export type MetricSource = Pick<ScenarioSpec, 'traffic' | 'metrics' | 'components' | 'suites'>;

const defsCache = new WeakMap<object, MetricDef[]>();

/** Every metric of a scenario in series order: the built-in ones, its business metrics, then its suites' results. */
export function metricDefs(spec: Pick<ScenarioSpec, 'metrics' | 'suites'>): readonly MetricDef[] {
  let defs = defsCache.get(spec);
  if (!defs) defsCache.set(spec, (defs = [...BUILTIN_METRICS, ...spec.metrics.map(businessMetric), ...spec.suites.flatMap((s) => suiteMetrics(spec, s))]));
  return defs;
}

/** Metric names of a scenario, in series order. */
export function metricNamesOf(spec: Pick<ScenarioSpec, 'metrics' | 'suites'>): string[] {
  return metricDefs(spec).map((m) => m.name);
}

export function metricDef(spec: Pick<ScenarioSpec, 'metrics' | 'suites'>, name: string): MetricDef | undefined {
  return metricDefs(spec).find((m) => m.name === name);
}

/**
 * The steady state of a scope carrying `share` of the users: the scenario's base traffic,
 * error rate, latency and quality, with the share of requests its latency puts past the timeout.
 */
export function steadyState(spec: MetricSource, share = 1): SteadyState {
  const { traffic } = spec;
  const { medianMs, sigma } = traffic.latency;
  const timeoutMs = typeof traffic.timeoutMs === 'number' ? traffic.timeoutMs : Infinity;
  const timeoutRate = lognormalTail(medianMs, sigma, timeoutMs);
  const serving = traffic.deployment === undefined ? undefined : spec.components.find((c) => c.id === traffic.deployment)?.deployment;
  const rps = traffic.rps * share;
  return {
    rps,
    errorRate: traffic.baseErrorRate + timeoutRate,
    timeoutRate,
    ok: rps * (1 - traffic.baseErrorRate - timeoutRate),
    quality: traffic.baseQuality,
    latencyP50Ms: Math.min(timeoutMs, medianMs),
    latencyP99Ms: Math.min(timeoutMs, medianMs * Math.exp(sigma * Z_P99)),
    capacityRps: serving ? serving.replicas * serving.perPodRps * share : 0,
    bounded: serving !== undefined,
  };
}

/**
 * A metric's normal value: what it read before the drill over a scope with `share` of the users
 * (1: the whole system). Undefined for a metric the scenario does not have, or one with no
 * normal value. Relative conditions (dropPct, risePct) and harm net of normal noise read this.
 */
export function baselineOf(spec: MetricSource, metric: string, share = 1): number | undefined {
  return metricDef(spec, metric)?.baseline(steadyState(spec, share));
}

/**
 * Why a relative condition (a fall or rise in percent of the baseline) cannot be read on a
 * metric, or undefined when it can: it needs a baseline other than zero.
 */
export function relativeRefusal(spec: MetricSource, metric: string, share = 1): string | undefined {
  const def = metricDef(spec, metric);
  if (!def) return undefined;
  const baseline = def.baseline(steadyState(spec, share));
  if (baseline === undefined) return `${metric} has no baseline in this system (nothing bounds it), so a change in percent of it means nothing: use above or below`;
  if (baseline === 0) return `${metric} is normally 0, so a change in percent of it means nothing: use above or below`;
  return undefined;
}

/** The share of users a route had before the drill began (the whole system, without a route: 1). */
export function routeShare(spec: Pick<ScenarioSpec, 'traffic'>, route: string | undefined): number {
  const { routes, users } = spec.traffic;
  const i = route === undefined ? -1 : routes.findIndex((r) => r.name === route);
  if (i < 0) return 1;
  // As the world weighs routes: the first serves what the others leave.
  const weights = routes.map((r, j) => (j === 0 ? 1 - routes.slice(1).reduce((s, x) => s + x.weight, 0) : r.weight));
  return usersInRange(users, bucketRanges(weights)[i]!) / users;
}

/** The per-second sums every metric's windows see before the drill, in series order. */
export function steadySums(spec: MetricSource, share: number): (readonly [number, number])[] {
  const s = steadyState(spec, share);
  return metricDefs(spec).map((m) => m.steady(s));
}

/**
 * A quantile as measured from the requests served: the distribution's quantile with the
 * sampling error of an empirical one (relative spread ~ k * sigma / sqrt(n)), capped at the
 * client timeout. Nothing served: nothing measured.
 */
function measureQuantile(series: Series, second: MeasuredSecond, z: number, k: number): void {
  const { out, rng, timeoutMs } = second;
  if (out.served > 0) series.push(observedQuantile(out.latency, z, k, out.served, rng, timeoutMs), 1);
  else series.push(0, 0);
}

function observedQuantile(parts: LatencyComponent[], z: number, k: number, n: number, rng: Rng, timeoutMs: number): number {
  const q = mixtureQuantile(parts, z);
  let sigma = 0;
  for (const p of parts) if (p.weight > 0) sigma = p.sigma;
  const noisy = q * Math.exp((k * sigma * rng.normal()) / Math.sqrt(n));
  return Math.round(Math.min(noisy, timeoutMs));
}
