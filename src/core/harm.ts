import { baselineOf, type MetricSource } from './metric-table.js';
import type { ScenarioSpec } from './spec.js';
import { lognormalTail } from './stats.js';
import type { FlowOutcome } from './traffic.js';

/**
 * How often a request goes wrong on the healthy release: the error rate (errors and the share
 * the base latency puts past the timeout), the quality of its answers, and the share of its
 * answers slower than the latency the scenario's SLO allows (its p99 bound; none without one).
 * The one place harm reads a baseline from, so that it means what relative alert conditions
 * mean by it.
 */
export function healthyBaseline(spec: MetricSource & Pick<ScenarioSpec, 'slos'>): HealthyBaseline {
  const { medianMs, sigma } = spec.traffic.latency;
  const slowAboveMs = spec.slos.find((s) => s.metric === 'latencyP99Ms')?.max;
  return {
    // The metric table's baselines: the values relative alert conditions compare against.
    errorRate: baselineOf(spec, 'errorRate')!,
    quality: baselineOf(spec, 'quality')!,
    slowAboveMs,
    slowShare: slowAboveMs === undefined ? 0 : lognormalTail(medianMs, sigma, slowAboveMs),
  };
}

export interface HealthyBaseline {
  errorRate: number;
  quality: number;
  /** Answers slower than this are harm (a user-facing latency bound); undefined: latency is no harm. */
  slowAboveMs: number | undefined;
  slowShare: number;
}

/**
 * The share of this second's answers slower than `limitMs`, from the latency of each group
 * served. Groups alike (routes on the same pods, nothing queued) come in runs: the tail is
 * computed once a run, each group still weighed in its turn.
 */
function slowShare(out: FlowOutcome, limitMs: number): number {
  let weight = 0;
  let slow = 0;
  let medianMs = NaN;
  let sigma = NaN;
  let offsetMs = NaN;
  let tail = 0;
  for (let i = 0; i < out.latencyParts; i++) {
    const p = out.latency[i]!;
    if (p.medianMs !== medianMs || !Object.is(p.sigma, sigma) || p.offsetMs !== offsetMs) {
      medianMs = p.medianMs;
      sigma = p.sigma;
      offsetMs = p.offsetMs;
      tail = lognormalTail(medianMs, sigma, limitMs - offsetMs);
    }
    weight += p.weight;
    slow += p.weight * tail;
  }
  return weight > 0 ? slow / weight : 0;
}

/**
 * How many standard deviations of normal noise a net figure must clear before it counts: a
 * healthy drill reports net harm one time in 700 (the one-sided tail beyond three deviations).
 */
export const NOISE_DEVIATIONS = 3;

/** One net figure: the signed excess over the baseline, and the variance normal noise gives it. */
class Excess {
  sum = 0;
  variance = 0;

  add(excess: number, variance: number): void {
    this.sum += excess;
    this.variance += variance;
  }

  /** The excess beyond what normal noise could explain: never below zero. */
  get net(): number {
    return Math.max(0, this.sum - NOISE_DEVIATIONS * Math.sqrt(this.variance));
  }
}

/**
 * Harm counted two ways: raw, every failed request, bad answer and answer slower than the
 * latency bound; and net, beyond what the same
 * requests would have met on the healthy release. A healthy system's own errors and weak
 * answers are not harm a drill did, so net figures of drills of different lengths compare. The
 * excess is summed signed (a second better than the baseline offsets one worse), and what
 * remains counts only beyond three standard deviations of the noise a healthy release would
 * show over the same requests: harm the drill surely did, not the luck of the draw.
 */
export class HarmTally {
  failed = 0;
  bad = 0;
  /** Good answers that came slower than the latency bound (an expected count: latency is not drawn per request). */
  slow = 0;
  /** Failed requests, bad answers and slow ones, each a user meeting harm. */
  exposure = 0;
  userMinutes = 0;
  private readonly netFailedSum = new Excess();
  private readonly netBadSum = new Excess();
  private readonly netSlowSum = new Excess();
  private readonly netExposureSum = new Excess();
  private readonly netUserMinutesSum = new Excess();
  private readonly failShare: number;
  private readonly badShare: number;
  private readonly goodSlowShare: number;

  constructor(
    private readonly baseline: HealthyBaseline,
    private readonly users: number,
  ) {
    this.failShare = baseline.errorRate;
    this.badShare = (1 - baseline.errorRate) * (1 - baseline.quality);
    this.goodSlowShare = (1 - baseline.errorRate) * baseline.quality * baseline.slowShare;
  }

  /** Counts one second of traffic (all routes together). */
  add(out: FlowOutcome): void {
    const failed = out.errors + out.timeouts - out.rescued + out.rejected;
    const bad = out.ok - out.good;
    const limitMs = this.baseline.slowAboveMs;
    // No good answer, none slow: a second with nothing served asks no latency tail.
    const slow = limitMs === undefined || out.good === 0 ? 0 : out.good * slowShare(out, limitMs);
    const processed = out.served + out.rejected;
    const harmed = failed + bad + slow;
    this.failed += failed;
    this.bad += bad;
    this.slow += slow;
    this.exposure += harmed;
    if (processed === 0) return;
    // Each request fails, answers badly, answers well but late, or none of these, as a healthy release would have it.
    const harmShare = this.failShare + this.badShare + this.goodSlowShare;
    const excess = harmed - processed * harmShare;
    this.netFailedSum.add(failed - processed * this.failShare, processed * this.failShare * (1 - this.failShare));
    this.netBadSum.add(bad - processed * this.badShare, processed * this.badShare * (1 - this.badShare));
    this.netSlowSum.add(slow - processed * this.goodSlowShare, processed * this.goodSlowShare * (1 - this.goodSlowShare));
    this.netExposureSum.add(excess, processed * harmShare * (1 - harmShare));
    const perShare = this.users / 60;
    this.userMinutes += (perShare * harmed) / processed;
    this.netUserMinutesSum.add((perShare * excess) / processed, (perShare * perShare * harmShare * (1 - harmShare)) / processed);
  }

  get netFailed(): number {
    return this.netFailedSum.net;
  }

  get netBad(): number {
    return this.netBadSum.net;
  }

  get netSlow(): number {
    return this.netSlowSum.net;
  }

  get netUserMinutes(): number {
    return this.netUserMinutesSum.net;
  }

  /** Distinct users hit, if every harmful request fell on a user at random. */
  usersAffected(net: boolean): number {
    const exposure = net ? this.netExposureSum.net : this.exposure;
    return Math.round(this.users * (1 - Math.exp(-exposure / this.users)));
  }
}
