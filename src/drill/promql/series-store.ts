import type { Drill } from '../../core/drill.js';
import { lognormalTail, normalCdf, type LatencyComponent } from '../../core/stats.js';
import type { FlowOutcome } from '../../core/traffic.js';
import type { Matcher } from '../../formats/rollout/promql.js';
import type { SeriesSource } from './evaluate.js';
import { DEFAULT_LABEL_NAMES, knownLabels, resolveName, type ResolvedName, type SeriesMap } from '../../formats/rollout/series-names.js';

/** Upper bounds of the latency buckets, in milliseconds (Istio's defaults up to a minute; the clients' 5 ms to 10 s fall among them). */
export const BUCKET_BOUNDS_MS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000] as const;

/** One Prometheus-style counter: its labels and a ring of its cumulative value at each whole second. */
export interface CounterSeries {
  name: string;
  labels: Record<string, string>;
  ring: Float64Array;
  /** Value at second 0, and the per-second increase before the drill (the steady state it ran in). */
  start: number;
  primeRate: number;
  value: number;
  pending: number;
}

type Kind = { k: 'code'; code: string } | { k: 'bucket'; boundMs: number } | { k: 'lat-sum' } | { k: 'lat-count' } | { k: 'metric-sum'; index: number } | { k: 'metric-count' };

interface Slot {
  series: CounterSeries;
  kind: Kind;
  /** Milliseconds of a unit (1000 for seconds): how le and _sum read. */
  unitMs: number;
}

/**
 * The drill's per-second traffic as Prometheus counters, per route: requests by status code,
 * latency histograms, and the scenario's business metrics, in a team's names as well as ours.
 * A query reads samples at whole seconds, as if Prometheus scraped every second. Before the
 * drill the system ran in its steady state: windows that reach back past the start see it.
 */
export class SeriesStore implements SeriesSource<CounterSeries> {
  private readonly slots = new Map<string, Slot[]>();
  private readonly all: Slot[] = [];
  private readonly capacity: number;
  private lastS = 0;
  private readonly selections = new Map<string, CounterSeries[]>();

  constructor(
    private readonly drill: Drill,
    private readonly map: SeriesMap,
    historyMs: number,
  ) {
    // A window of W seconds reads W + 1 samples; a few more cover irate's pair and the start.
    this.capacity = Math.ceil(historyMs / 1000) + 3;
    const world = drill.world;
    const users = world.stacks.routeUsers();
    world.routes.forEach((route, i) => this.addRoute(route.name, users[i]! / world.spec.traffic.users));
    drill.onFlow((route, out) => this.observe(route, out));
    drill.onTick(() => this.commit());
  }

  /** The series a selector picks, by name and the matchers on labels the series carry (the rest are ignored). */
  select(name: string, matchers: readonly Matcher[]): CounterSeries[] {
    const key = `${name}\u0000${matchers.map((m) => `${m.label}${m.op}${m.value}`).join('\u0000')}`;
    const cached = this.selections.get(key);
    if (cached) return cached;
    const resolved = resolveName(name, this.map);
    const canonical = canonicalName(resolved);
    const known = resolved.family === 'unknown' ? new Set<string>() : knownLabels(resolved, this.map);
    const tests = matchers.filter((m) => known.has(m.label)).map(matcherTest);
    const picked = (this.slots.get(canonical) ?? []).map((s) => s.series).filter((s) => tests.every((t) => t(s.labels)));
    this.selections.set(key, picked);
    return picked;
  }

  /** The samples of a series at whole seconds in (fromS, toS]. */
  samples(series: CounterSeries, fromS: number, toS: number): { t: number; v: number }[] {
    const out: { t: number; v: number }[] = [];
    for (let t = Math.floor(fromS) + 1; t <= toS; t++) out.push({ t, v: this.valueAt(series, t) });
    return out;
  }

  /** The latest sample at or before a second. */
  valueAt(series: CounterSeries, t: number): number {
    if (t <= 0) return series.start + series.primeRate * t;
    const at = Math.min(t, this.lastS);
    if (at <= 0) return series.start;
    if (this.lastS - at >= this.capacity) throw new Error(`series ${series.name} keeps ${this.capacity} s; second ${t} is gone (the drill is at ${this.lastS} s)`);
    return series.ring[at % this.capacity]!;
  }

  get nowS(): number {
    return this.lastS;
  }

  private addRoute(route: string, share: number): void {
    const spec = this.drill.spec;
    const traffic = spec.traffic;
    const routeLabels = { route, ...(this.map.routes[route] ?? {}) };
    const rps = traffic.rps * share;
    const timeoutMs = typeof traffic.timeoutMs === 'number' ? traffic.timeoutMs : Infinity;
    const timeoutShare = lognormalTail(traffic.latency.medianMs, traffic.latency.sigma, timeoutMs);
    const ok = rps * (1 - traffic.baseErrorRate - timeoutShare);
    const base: LatencyComponent[] = [{ weight: rps, offsetMs: 0, medianMs: traffic.latency.medianMs, sigma: traffic.latency.sigma }];
    const codes: [string, number][] = [
      ['200', ok],
      ['500', rps * traffic.baseErrorRate],
      ['503', 0],
      ['504', rps * timeoutShare],
    ];
    for (const [code, primeRate] of codes) {
      const labels: Record<string, string> = { ...routeLabels, code, classification: code.startsWith('5') ? 'failure' : 'success' };
      for (const alias of [...DEFAULT_LABEL_NAMES.code!, ...(this.map.labels.code ?? [])]) labels[alias] = code;
      for (const alias of this.map.labels.route ?? []) labels[alias] = route;
      this.add('requests_total', labels, primeRate, { k: 'code', code }, 1);
    }
    for (const [family, unitMs] of [['request_duration_seconds', 1000], ['request_duration_milliseconds', 1]] as const) {
      for (const boundMs of [...BUCKET_BOUNDS_MS, Infinity]) {
        const le = boundMs === Infinity ? '+Inf' : String(boundMs / unitMs);
        this.add(`${family}_bucket`, { ...routeLabels, le }, rps * bucketShare(base, boundMs), { k: 'bucket', boundMs }, unitMs);
      }
      this.add(`${family}_sum`, routeLabels, rps * meanMs(base) / unitMs, { k: 'lat-sum' }, unitMs);
      this.add(`${family}_count`, routeLabels, rps, { k: 'lat-count' }, unitMs);
    }
    spec.metrics.forEach((m, index) => {
      this.add(`${m.name}_sum`, routeLabels, ok * m.baseline, { k: 'metric-sum', index }, 1);
      this.add(`${m.name}_count`, routeLabels, ok, { k: 'metric-count' }, 1);
    });
  }

  private add(name: string, labels: Record<string, string>, primeRate: number, kind: Kind, unitMs: number): void {
    // Counters have counted since long before the drill; any start does, as rates read differences.
    const start = primeRate * this.capacity;
    const series: CounterSeries = { name, labels: { ...labels, __name__: name }, ring: new Float64Array(this.capacity), start, primeRate, value: start, pending: 0 };
    const slot: Slot = { series, kind, unitMs };
    const list = this.slots.get(name) ?? [];
    list.push(slot);
    this.slots.set(name, list);
    this.all.push(slot);
  }

  private observe(route: string, out: FlowOutcome): void {
    const processed = out.served + out.rejected;
    const failed = out.errors + out.timeouts - out.rescued + out.rejected;
    const timedOut = Math.min(out.timeouts, failed - out.rejected);
    const parts = out.latency.slice(0, out.latencyParts);
    for (const slot of this.slots.values()) {
      for (const { series, kind, unitMs } of slot) {
        if (series.labels.route !== route) continue;
        series.pending += increment(kind, unitMs, { processed, failed, rejected: out.rejected, timedOut, parts, out });
      }
    }
  }

  private commit(): void {
    const t = Math.round(this.drill.now / 1000);
    for (const { series } of this.all) {
      series.value += series.pending;
      series.pending = 0;
      series.ring[t % this.capacity] = series.value;
    }
    this.lastS = t;
  }
}

function increment(
  kind: Kind,
  unitMs: number,
  x: { processed: number; failed: number; rejected: number; timedOut: number; parts: LatencyComponent[]; out: FlowOutcome },
): number {
  switch (kind.k) {
    case 'code':
      if (kind.code === '200') return x.processed - x.failed;
      if (kind.code === '503') return x.rejected;
      if (kind.code === '504') return x.timedOut;
      return x.failed - x.rejected - x.timedOut;
    case 'bucket':
      return x.parts.reduce((s, p) => s + p.weight, 0) * bucketShare(x.parts, kind.boundMs);
    case 'lat-sum':
      return (x.parts.reduce((s, p) => s + p.weight, 0) * meanMs(x.parts)) / unitMs;
    case 'lat-count':
      return x.parts.reduce((s, p) => s + p.weight, 0);
    case 'metric-sum':
      return x.out.metricSums[kind.index] ?? 0;
    case 'metric-count':
      return x.out.ok;
  }
}

/** Share of requests answered within a bound, from the mixture of shifted lognormals that served them. */
function bucketShare(parts: readonly LatencyComponent[], boundMs: number): number {
  let total = 0;
  let within = 0;
  for (const p of parts) {
    if (p.weight <= 0) continue;
    total += p.weight;
    const x = boundMs - p.offsetMs;
    if (boundMs === Infinity) within += p.weight;
    else if (x > 0) within += p.weight * (p.medianMs > 0 ? normalCdf(Math.log(x / p.medianMs) / p.sigma) : 1);
  }
  return total > 0 ? within / total : 0;
}

function meanMs(parts: readonly LatencyComponent[]): number {
  let total = 0;
  let sum = 0;
  for (const p of parts) {
    if (p.weight <= 0) continue;
    total += p.weight;
    sum += p.weight * (p.offsetMs + p.medianMs * Math.exp((p.sigma * p.sigma) / 2));
  }
  return total > 0 ? sum / total : 0;
}

function canonicalName(r: ResolvedName | { family: 'unknown' }): string {
  switch (r.family) {
    case 'requests':
      return 'requests_total';
    case 'duration':
      return `${r.unitMs === 1000 ? 'request_duration_seconds' : 'request_duration_milliseconds'}_${r.part}`;
    case 'metric':
      return `${r.metric}_${r.part}`;
    case 'unknown':
      return '';
  }
}

function matcherTest(m: Matcher): (labels: Record<string, string>) => boolean {
  if (m.op === '=' || m.op === '!=') {
    const eq = m.op === '=';
    return (labels) => (labels[m.label] ?? '') === m.value === eq;
  }
  // PromQL regular expressions are anchored at both ends.
  const re = new RegExp(`^(?:${m.value})$`);
  const eq = m.op === '=~';
  return (labels) => re.test(labels[m.label] ?? '') === eq;
}
