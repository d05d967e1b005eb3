import type { Series } from './metrics.js';
import type { Rng } from './random.js';
import { lognormalTail, mixtureQuantile, Z_P50, Z_P99, type LatencyComponent } from './stats.js';
import { emptyOutcome, flow, resetOutcome, type FlowContext, type FlowGroup, type FlowOutcome } from './traffic.js';
import type { World } from './world.js';

/** Built-in per-second metrics every scope records, besides the scenario's business metrics. */
export const BUILTIN_METRICS = [
  'requests',
  'rps',
  'errorRate',
  'timeoutRate',
  'latencyP50Ms',
  'latencyP99Ms',
  'quality',
  'capacityRps',
  'queue',
  'retries',
] as const;

/** Receives what one route carried in one second; it must not change the outcome. */
export type FlowObserver = (route: string, out: FlowOutcome) => void;

/**
 * One second of traffic through every route with users, recorded per route and for all routes
 * together. Returns the combined outcome for the tracker.
 */
export function trafficSecond(world: World, observe?: FlowObserver): FlowOutcome {
  const ctx: FlowContext = { traffic: world.spec.traffic, metrics: world.spec.metrics, outcomes: world.streams.get('traffic') };
  const rps = world.spec.traffic.rps * world.trafficFactor();
  const users = world.routeUsers();
  const population = world.spec.traffic.users;
  const live = world.routes.filter((r) => r.weight > 0);
  if (live.length === 1 && world.routes.length === 1) {
    // One route: its outcome is the whole system's.
    const route = live[0]!;
    const groups = world.flowGroups(route);
    const out = flow(ctx, route.flow, rps, groups, 1);
    observe?.(route.name, out);
    record(world.metrics.list('all', metricNames(world)), out, world.streams.get('latency'), minTimeout(groups));
    return out;
  }
  const all = allScratch(world);
  let timeoutMs = Infinity;
  const perRoute = world.routes.length > 1;
  const names = metricNames(world);
  const lists = routeLists(world);
  const latency = world.streams.get('latency');
  world.routes.forEach((route, i) => {
    if (route.weight <= 0) return;
    const groups = world.flowGroups(route);
    const routeTimeoutMs = minTimeout(groups);
    timeoutMs = Math.min(timeoutMs, routeTimeoutMs);
    const out = flow(ctx, route.flow, (rps * users[i]!) / population, groups, 1);
    observe?.(route.name, out);
    if (perRoute) record((lists[i] ??= world.metrics.list(route.name, names)), out, latency, routeTimeoutMs);
    add(all, out);
  });
  record(world.metrics.list('all', names), all, latency, timeoutMs);
  return all;
}

const routeListsCache = new WeakMap<World, Series[][]>();

/** Each route's series by route index, looked up when the route first carries traffic, not every second. */
function routeLists(world: World): Series[][] {
  let lists = routeListsCache.get(world);
  if (!lists) routeListsCache.set(world, (lists = []));
  return lists;
}

const allScratches = new WeakMap<World, FlowOutcome>();

/** The sum of every route's second, reused: valid until the next second. */
function allScratch(world: World): FlowOutcome {
  let all = allScratches.get(world);
  if (!all) allScratches.set(world, (all = emptyOutcome(world.spec.metrics.length)));
  resetOutcome(all);
  return all;
}

function minTimeout(groups: readonly FlowGroup[]): number {
  let ms = Infinity;
  for (const g of groups) if (g.timeoutMs < ms) ms = g.timeoutMs;
  return ms;
}

/**
 * Fills every scope's windows with the steady state the system ran in before the drill: the
 * scenario's baseline traffic, error rate, latency, quality and business metrics.
 */
export function primeHistory(world: World): void {
  const { traffic, metrics } = world.spec;
  const names = metricNames(world);
  const { medianMs, sigma } = traffic.latency;
  const timeoutMs = typeof traffic.timeoutMs === 'number' ? traffic.timeoutMs : Infinity;
  const timeoutRate = lognormalTail(medianMs, sigma, timeoutMs);
  const capacity = traffic.deployment === undefined ? 0 : (() => {
    const d = world.component(traffic.deployment).spec.deployment!;
    return d.replicas * d.perPodRps;
  })();
  const users = world.routeUsers();
  const scopes: [string, number][] = world.routes.length > 1 ? world.routes.map((r, i) => [r.name, users[i]! / traffic.users]) : [];
  scopes.push(['all', 1]);
  for (const [scope, share] of scopes) {
    const rps = traffic.rps * share;
    if (rps <= 0) continue;
    const ok = rps * (1 - traffic.baseErrorRate - timeoutRate);
    const perSecond: [number, number][] = [
      [rps, 1],
      [rps, 1],
      [rps * (traffic.baseErrorRate + timeoutRate), rps],
      [rps * timeoutRate, rps],
      [Math.min(timeoutMs, medianMs), 1],
      [Math.min(timeoutMs, medianMs * Math.exp(sigma * Z_P99)), 1],
      [ok * traffic.baseQuality, ok],
      [capacity * share, 1],
      [0, 1],
      [0, 1],
      ...metrics.map((m): [number, number] => [ok * m.baseline, ok]),
    ];
    world.metrics.list(scope, names).forEach((series, i) => series.prime(perSecond[i]![0], perSecond[i]![1], world.metrics.windowLimitTicks));
  }
}

const namesCache = new WeakMap<World, string[]>();

function metricNames(world: World): string[] {
  let names = namesCache.get(world);
  if (!names) namesCache.set(world, (names = [...BUILTIN_METRICS, ...world.spec.metrics.map((m) => m.name)]));
  return names;
}


function add(into: FlowOutcome, out: FlowOutcome): void {
  into.arrivals += out.arrivals;
  into.retries += out.retries;
  into.queueBefore += out.queueBefore;
  into.queueAfter += out.queueAfter;
  into.served += out.served;
  into.rejected += out.rejected;
  into.errors += out.errors;
  into.timeouts += out.timeouts;
  into.rescued += out.rescued;
  into.fallbackTried += out.fallbackTried;
  into.fallbackStarved += out.fallbackStarved;
  into.ok += out.ok;
  into.good += out.good;
  into.capacityRps += out.capacityRps;
  for (let m = 0; m < out.metricSums.length; m++) into.metricSums[m]! += out.metricSums[m]!;
  into.sideEffects.push(...out.sideEffects);
  for (let i = 0; i < out.latencyParts; i++) into.latency[into.latencyParts++] = out.latency[i]!;
  if (into.latency.length !== into.latencyParts) into.latency.length = into.latencyParts;
}

/** Pushes one second into a scope's series, in BUILTIN_METRICS order, then the business metrics. */
function record(series: Series[], out: FlowOutcome, rng: Rng, timeoutMs: number): void {
  const processed = out.served + out.rejected;
  const failed = out.errors + out.timeouts - out.rescued + out.rejected;
  const served = out.served;
  series[0]!.push(out.arrivals + out.retries, 1);
  series[1]!.push(out.arrivals, 1);
  series[2]!.push(failed, processed);
  series[3]!.push(out.timeouts, processed);
  if (served > 0) {
    series[4]!.push(observedQuantile(out.latency, Z_P50, 1.25, served, rng, timeoutMs), 1);
    series[5]!.push(observedQuantile(out.latency, Z_P99, 3.73, served, rng, timeoutMs), 1);
  } else {
    series[4]!.push(0, 0);
    series[5]!.push(0, 0);
  }
  series[6]!.push(out.good, out.ok);
  series[7]!.push(Number.isFinite(out.capacityRps) ? out.capacityRps : 0, 1);
  series[8]!.push(out.queueAfter, 1);
  series[9]!.push(out.retries, 1);
  for (let i = 0; i < out.metricSums.length; i++) series[BUILTIN_METRICS.length + i]!.push(out.metricSums[i]!, out.ok);
}

/**
 * A quantile as measured from `n` requests: the distribution's quantile with the sampling
 * error of an empirical one (relative spread ~ k * sigma / sqrt(n)), capped at the client timeout.
 */
function observedQuantile(parts: LatencyComponent[], z: number, k: number, n: number, rng: Rng, timeoutMs: number): number {
  const q = mixtureQuantile(parts, z);
  let sigma = 0;
  for (const p of parts) if (p.weight > 0) sigma = p.sigma;
  const noisy = q * Math.exp((k * sigma * rng.normal()) / Math.sqrt(n));
  return Math.round(Math.min(noisy, timeoutMs));
}
