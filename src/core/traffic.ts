import type { Rng } from './random.js';
import { clamp01, type StackEffect } from './rules.js';
import type { LatencySpec, MetricSpec, SideEffectClass, TrafficSpec } from './spec.js';
import { lognormalTail, type LatencyComponent } from './stats.js';

/** One set of pods (or an unbounded provider) serving part of a route, with what its stack does. */
export interface FlowGroup {
  /** Requests per second it can serve; Infinity when nothing limits it. */
  capacityRps: number;
  effect: StackEffect;
  timeoutMs: number;
  fallback: { budget: 'shared' | 'own' } | null;
}

/** What a route carries from one second to the next. */
export interface RouteFlow {
  queue: number;
  /** Retries due next second, by attempt number (index 0 is the second attempt). */
  retries: Float64Array;
  /** Reused every second: the outcome handed out is valid until the route's next second. */
  scratch?: FlowOutcome;
  spareRetries: Float64Array;
  latencyPool: LatencyComponent[];
}

export interface SideEffectCount {
  kind: string;
  class: SideEffectClass;
  count: number;
}

export interface FlowOutcome {
  arrivals: number;
  retries: number;
  queueBefore: number;
  queueAfter: number;
  served: number;
  rejected: number;
  /** Primary outcomes of the served requests. */
  errors: number;
  timeouts: number;
  /** Failed primary requests sent to a fallback, and those it answered in time. */
  fallbackTried: number;
  rescued: number;
  /** Fallback attempts that had no time left: the primary had spent a shared budget. */
  fallbackStarved: number;
  ok: number;
  good: number;
  capacityRps: number;
  waitMs: number;
  /** Per business metric: a count (rates) or a sum of scores (gauges), over `ok`. */
  metricSums: number[];
  sideEffects: SideEffectCount[];
  /** The latency of each group served; only the first `latencyParts` entries are this second's. */
  latency: LatencyComponent[];
  latencyParts: number;
}

export interface FlowContext {
  traffic: TrafficSpec;
  metrics: readonly MetricSpec[];
  outcomes: Rng;
}

const NO_METRICS: number[] = [];

/** An outcome with nothing in it yet: one second of one route, or the sum of several. */
export function emptyOutcome(metricCount: number): FlowOutcome {
  return {
    arrivals: 0,
    retries: 0,
    queueBefore: 0,
    queueAfter: 0,
    served: 0,
    rejected: 0,
    errors: 0,
    timeouts: 0,
    fallbackTried: 0,
    rescued: 0,
    fallbackStarved: 0,
    ok: 0,
    good: 0,
    capacityRps: 0,
    waitMs: 0,
    metricSums: metricCount === 0 ? NO_METRICS : new Array<number>(metricCount).fill(0),
    sideEffects: [],
    latency: [],
    latencyParts: 0,
  };
}

/** A route with nothing queued; clients attempt a request at most `maxAttempts` times. */
export function newRouteFlow(maxAttempts: number): RouteFlow {
  const cohorts = Math.max(0, maxAttempts - 1);
  return { queue: 0, retries: new Float64Array(cohorts), spareRetries: new Float64Array(cohorts), latencyPool: [] };
}

/** Empties an outcome for reuse, keeping its arrays. */
export function resetOutcome(out: FlowOutcome): void {
  out.arrivals = 0;
  out.retries = 0;
  out.queueBefore = 0;
  out.queueAfter = 0;
  out.served = 0;
  out.rejected = 0;
  out.errors = 0;
  out.timeouts = 0;
  out.fallbackTried = 0;
  out.rescued = 0;
  out.fallbackStarved = 0;
  out.ok = 0;
  out.good = 0;
  out.capacityRps = 0;
  out.waitMs = 0;
  out.metricSums.fill(0);
  if (out.sideEffects.length > 0) out.sideEffects.length = 0;
  out.latencyParts = 0;
}

/**
 * One second (or `dtS` seconds) of one route: arrivals and retries join the queue, the groups
 * serve what their capacity allows, the rest waits or is rejected past the queue limit, and each
 * served request errors, times out, or answers, well or badly. Failures come back as retries.
 */
export function flow(ctx: FlowContext, state: RouteFlow, arrivalsMean: number, groups: readonly FlowGroup[], dtS: number): FlowOutcome {
  const rng = ctx.outcomes;
  const arrivals = rng.poisson(arrivalsMean * dtS);
  let retries = 0;
  const due = state.retries;
  for (let k = 0; k < due.length; k++) retries += due[k]!;
  const offered = arrivals + retries;
  const queueBefore = state.queue;
  let capacityRps = 0;
  for (let i = 0; i < groups.length; i++) capacityRps += groups[i]!.capacityRps;
  const capacity = Number.isFinite(capacityRps) ? Math.round(capacityRps * dtS) : Infinity;
  const waitMs = Number.isFinite(capacityRps) && capacityRps > 0 ? (queueBefore / capacityRps) * 1000 : 0;

  let queue = queueBefore + offered;
  const served = Math.min(queue, capacity);
  queue -= served;
  const limit = Number.isFinite(capacityRps) ? Math.round(capacityRps * ctx.traffic.queueS) : Infinity;
  const rejected = Math.max(0, queue - limit);
  queue -= rejected;

  const out = (state.scratch ??= emptyOutcome(ctx.metrics.length));
  resetOutcome(out);
  out.arrivals = arrivals;
  out.retries = retries;
  out.queueBefore = queueBefore;
  out.queueAfter = queue;
  out.served = served;
  out.rejected = rejected;
  out.capacityRps = capacityRps;
  out.waitMs = waitMs;

  let left = served;
  let capLeft = capacityRps;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const share = i === groups.length - 1 ? 1 : capLeft > 0 && Number.isFinite(capLeft) ? g.capacityRps / capLeft : 1 / (groups.length - i);
    const n = i === groups.length - 1 ? left : rng.binomial(left, clamp01(share));
    left -= n;
    capLeft -= g.capacityRps;
    serveGroup(ctx, g, n, waitMs, out, state.latencyPool);
  }

  const failed = out.errors + out.timeouts - out.rescued + rejected;
  const processed = served + rejected;
  state.queue = queue;
  const next = nextRetries(rng, ctx.traffic.retry, arrivals, state.retries, state.spareRetries, offered, processed, processed > 0 ? failed / processed : 0);
  state.spareRetries = state.retries;
  state.retries = next;
  if (out.latency.length !== out.latencyParts) out.latency.length = out.latencyParts;
  return out;
}

function serveGroup(ctx: FlowContext, g: FlowGroup, n: number, waitMs: number, out: FlowOutcome, pool: LatencyComponent[]): void {
  const rng = ctx.outcomes;
  const { traffic } = ctx;
  const e = g.effect;
  const medianMs = traffic.latency.medianMs * e.latencyFactor + e.addedLatencyMs;
  const k = out.latencyParts++;
  const part = (pool[k] ??= { weight: 0, offsetMs: 0, medianMs: 0, sigma: 0 });
  part.weight = n;
  part.offsetMs = waitMs;
  part.medianMs = medianMs;
  part.sigma = traffic.latency.sigma;
  out.latency[k] = part;
  if (n === 0) return;
  const errorRate = 1 - (1 - traffic.baseErrorRate) * (1 - e.errorRate);
  const errors = rng.binomial(n, errorRate);
  const timeouts = rng.binomial(n - errors, lognormalTail(medianMs, traffic.latency.sigma, g.timeoutMs - waitMs));
  let rescued = 0;
  const fb = traffic.fallback;
  if (g.fallback && fb) {
    // A fallback inside a shared budget gets only what the primary left: nothing after a timeout.
    const afterError = g.fallback.budget === 'own' ? g.timeoutMs : g.timeoutMs - waitMs;
    const afterTimeout = g.fallback.budget === 'own' ? g.timeoutMs : 0;
    rescued += rng.binomial(errors, fallbackSuccess(fb, afterError));
    rescued += rng.binomial(timeouts, fallbackSuccess(fb, afterTimeout));
    out.fallbackTried += errors + timeouts;
    if (afterTimeout <= 0) out.fallbackStarved += timeouts;
    if (afterError <= 0) out.fallbackStarved += errors;
  }
  const okPrimary = n - errors - timeouts;
  const goodPrimary = rng.binomial(okPrimary, clamp01(traffic.baseQuality + e.quality));
  const goodFallback = fb ? rng.binomial(rescued, fb.quality) : 0;
  out.errors += errors;
  out.timeouts += timeouts;
  out.rescued += rescued;
  out.ok += okPrimary + rescued;
  out.good += goodPrimary + goodFallback;
  for (let m = 0; m < ctx.metrics.length; m++) {
    const spec = ctx.metrics[m]!;
    out.metricSums[m]! += metricSum(rng, spec, okPrimary, spec.baseline + (e.metrics[spec.name] ?? 0));
    out.metricSums[m]! += metricSum(rng, spec, rescued, spec.baseline);
  }
  for (const fx of e.sideEffects) {
    const count = rng.binomial(n, clamp01(fx.perRequest));
    if (count > 0) out.sideEffects.push({ kind: fx.kind, class: fx.class, count });
  }
}

function fallbackSuccess(fb: { latency: LatencySpec; errorRate: number }, budgetMs: number): number {
  if (budgetMs <= 0) return 0;
  return (1 - fb.errorRate) * (1 - lognormalTail(fb.latency.medianMs, fb.latency.sigma, budgetMs));
}

function metricSum(rng: Rng, spec: MetricSpec, n: number, mean: number): number {
  if (n === 0) return 0;
  if (spec.kind === 'rate') return rng.binomial(n, clamp01(mean));
  return n * mean + spec.sd * Math.sqrt(n) * rng.normal();
}

/**
 * Clients retry a failed request with some probability, up to a number of attempts. The share
 * that failed this second applies to every attempt cohort that was processed (cohort 0 is this
 * second's arrivals, cohort k the k-th retries). Writes into `next` (reused) and returns it.
 */
function nextRetries(
  rng: Rng,
  retry: { probability: number; maxAttempts: number },
  arrivals: number,
  retries: Float64Array,
  next: Float64Array,
  offered: number,
  processed: number,
  failShare: number,
): Float64Array {
  // A loop: fill() on a typed array of two or three costs more than the writes.
  for (let k = 0; k < next.length; k++) next[k] = 0;
  if (offered === 0 || failShare === 0 || retry.probability === 0) return next;
  const cohorts = retries.length + 1;
  const processedShare = Math.min(1, processed / offered);
  // Rounding each cohort on its own could hand out more failures than there were.
  let unassigned = Math.round(Math.min(offered, processed) * failShare);
  for (let k = 0; k < cohorts && k + 1 < retry.maxAttempts; k++) {
    const cohort = k === 0 ? arrivals : retries[k - 1]!;
    const failedInCohort = Math.min(unassigned, Math.round(cohort * processedShare * failShare));
    unassigned -= failedInCohort;
    next[k] = rng.binomial(failedInCohort, retry.probability);
  }
  return next;
}
