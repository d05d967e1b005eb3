import type { Series } from './metrics.js';
import type { Rng } from './random.js';
import { metricDefs, metricNamesOf, steadySums, type MeasuredSecond, type MetricDef } from './metric-table.js';
import { emptyOutcome, flow, resetOutcome, type FlowContext, type FlowGroup, type FlowOutcome } from './traffic.js';
import type { World } from './world.js';

/** Receives what one route carried in one second; it must not change the outcome. */
export type FlowObserver = (route: string, out: FlowOutcome) => void;

/**
 * One second of traffic through every route with users, recorded per route and for all routes
 * together. Returns the combined outcome for the tracker.
 */
export function trafficSecond(world: World, observe?: FlowObserver): FlowOutcome {
  const state = trafficState(world);
  const rps = world.spec.traffic.rps * world.trafficFactor();
  const routes = world.routes;
  if (routes.length === 1 && routes[0]!.weight > 0) {
    // One route: its outcome is the whole system's.
    const route = routes[0]!;
    const groups = world.stacks.flowGroups(route);
    const out = flow(state.ctx, route.flow, rps, groups, 1);
    observe?.(route.name, out);
    record(world, state, state.all, out, minTimeout(groups), true);
    return out;
  }
  const users = world.stacks.routeUsers();
  const population = world.spec.traffic.users;
  const all = state.sum;
  resetOutcome(all);
  let timeoutMs = Infinity;
  const perRoute = routes.length > 1;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    if (route.weight <= 0) continue;
    const groups = world.stacks.flowGroups(route);
    const routeTimeoutMs = minTimeout(groups);
    timeoutMs = Math.min(timeoutMs, routeTimeoutMs);
    const out = flow(state.ctx, route.flow, (rps * users[i]!) / population, groups, 1);
    observe?.(route.name, out);
    if (perRoute) record(world, state, (state.routeSeries[i] ??= world.metrics.list(route.name, state.names)), out, routeTimeoutMs, false);
    add(all, out);
  }
  record(world, state, state.all, all, timeoutMs, true);
  return all;
}

/** What every second of a drill's traffic reads and reuses, built at its first second. */
interface TrafficState {
  ctx: FlowContext;
  latency: Rng;
  names: string[];
  defs: readonly MetricDef[];
  /** The whole system's series, in the metric table's order. */
  all: Series[];
  /** Each route's series by route index, looked up when the route first carries traffic. */
  routeSeries: (Series[] | undefined)[];
  /** The sum of every route's second: valid until the next second. */
  sum: FlowOutcome;
}

const states = new WeakMap<World, TrafficState>();

function trafficState(world: World): TrafficState {
  let state = states.get(world);
  if (!state) {
    const names = metricNames(world);
    state = {
      ctx: { traffic: world.spec.traffic, metrics: world.spec.metrics, outcomes: world.streams.get('traffic') },
      latency: world.streams.get('latency'),
      names,
      defs: metricDefs(world.spec),
      all: world.metrics.list('all', names),
      routeSeries: [],
      sum: emptyOutcome(world.spec.metrics.length),
    };
    states.set(world, state);
  }
  return state;
}

function minTimeout(groups: readonly FlowGroup[]): number {
  let ms = Infinity;
  for (let i = 0; i < groups.length; i++) if (groups[i]!.timeoutMs < ms) ms = groups[i]!.timeoutMs;
  return ms;
}

/**
 * Fills every scope's windows with the steady state the system ran in before the drill: the
 * scenario's baseline traffic, error rate, latency, quality and business metrics.
 */
export function primeHistory(world: World): void {
  const { traffic } = world.spec;
  const names = metricNames(world);
  const users = world.stacks.routeUsers();
  const scopes: [string, number][] = world.routes.length > 1 ? world.routes.map((r, i) => [r.name, users[i]! / traffic.users]) : [];
  scopes.push(['all', 1]);
  for (const [scope, share] of scopes) {
    if (traffic.rps * share <= 0) continue;
    const sums = steadySums(world.spec, share);
    world.metrics.list(scope, names).forEach((series, i) => series.prime(sums[i]![0], sums[i]![1], world.metrics.windowLimitTicks));
  }
}

const namesCache = new WeakMap<World, string[]>();

function metricNames(world: World): string[] {
  let names = namesCache.get(world);
  if (!names) namesCache.set(world, (names = metricNamesOf(world.spec)));
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
  for (let i = 0; i < out.sideEffects.length; i++) into.sideEffects.push(out.sideEffects[i]!);
  for (let i = 0; i < out.latencyParts; i++) into.latency[into.latencyParts++] = out.latency[i]!;
  if (into.latency.length !== into.latencyParts) into.latency.length = into.latencyParts;
}

/** Reused by every record: a second is measured and pushed before the next one begins. */
const scratchSecond = {} as MeasuredSecond;

/** Pushes one second into a scope's series, each metric measured as the metric table says. */
function record(world: World, state: TrafficState, series: Series[], out: FlowOutcome, timeoutMs: number, whole: boolean): void {
  const second = scratchSecond;
  second.out = out;
  second.processed = out.served + out.rejected;
  second.failed = out.errors + out.timeouts - out.rescued + out.rejected;
  second.rng = state.latency;
  second.timeoutMs = timeoutMs;
  // A suite's cases are put to the whole system: its results are the whole system's, once.
  second.suiteResults = whole && world.suiteResults.size > 0 ? world.suiteResults : undefined;
  const defs = state.defs;
  for (let i = 0; i < defs.length; i++) defs[i]!.measure(series[i]!, second);
  if (second.suiteResults) world.suiteResults.clear();
}
