import { Distribution, Tally } from './distribution.js';
import { outcome } from './figures.js';
import { caseKey, replayCommand, type SweepHeader } from './header.js';
import { COUNT_NAMES, recoveryKey, worseFirst, type DrillRecord, type RecordCounts } from './record.js';

type Stat = { mean: number; min: number; max: number } | null;

/** Percentiles of a time in milliseconds; null where the drill never got there. */
export interface TimeStats {
  /** Drills the time applies to (recovery and detection: those with impact). */
  n: number;
  never: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

/**
 * What became of a case: every drill met the target, or some missed it; for a case listed as an
 * expected miss, every drill missed as expected, or some met the target after all (which fails
 * the run, so the list is cleaned up, as Playwright does with a `test.fail()` that passes).
 */
export type CaseStatus = 'passed' | 'failed' | 'expected-miss' | 'unexpected-pass';

export interface CaseSummary {
  scenario: string;
  playbook: string;
  status: CaseStatus;
  drills: number;
  passed: number;
  failed: number;
  /** passed / drills, to four decimals. */
  passRate: number;
  recovery: TimeStats;
  detect: TimeStats;
  mitigate: TimeStats;
  score: Stat;
  counts: Record<keyof RecordCounts, Stat>;
  /** Recovery times in bins from `fromMs`, as narrow as resolves their spread (see recoveryBins). */
  histogram: { fromMs: number; binMs: number; bins: number[]; never: number; noImpact: number };
  worst: { seed: number; verdict: DrillRecord['verdict']; recoverMs: number | null; outcome: string; score: number; replay: string } | null;
}

/**
 * What became of the run as a whole: every drill met its target or missed it as expected; at
 * least one missed it unexpectedly, or met it though expected to miss; or the run was stopped
 * before its end (whatever the drills that finished came to: a run that did not finish proves
 * nothing, so it never reads as passed).
 */
export type RunStatus = 'passed' | 'failed' | 'interrupted';

/** A stopped run: how many drills were planned, the signal, and drills abandoned mid-way. */
export interface Interruption {
  planned: number;
  signal: string;
  /** Drills still running when the wait for them ran out, stopped without a result. */
  abandoned?: number;
}

export interface SweepSummary {
  status: RunStatus;
  /** Set when the sweep was stopped (Ctrl-C, SIGTERM): the drills here are the ones that finished. */
  interrupted?: Interruption;
  drills: number;
  /** Drills that met their target, and that missed it (expected or not): each drill's own verdict. */
  passed: number;
  failed: number;
  /** Of the failed drills, those of cases listed as expected misses. */
  expectedMisses: number;
  /** Drills that met their target though their case is listed as an expected miss. */
  unexpectedPasses: number;
  cases: CaseSummary[];
}

/** Cases that fail the run: a miss nobody expected, or an expected miss that passed. */
export function failsRun(c: Pick<CaseSummary, 'status'>): boolean {
  return c.status === 'failed' || c.status === 'unexpected-pass';
}

function caseStatus(expected: boolean, drills: number, passed: number): CaseStatus {
  if (expected) return passed > 0 ? 'unexpected-pass' : 'expected-miss';
  return passed < drills ? 'failed' : 'passed';
}

/** About this many bins span the recovery times of a case; never fewer than MIN_BINS are drawn. */
const HISTOGRAM_BINS = 20;
const MIN_BINS = 10;
/** Bin widths a reader takes in at a glance: whole seconds, then round minutes and hours. */
const BIN_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 43_200, 86_400].map((s) => s * 1000);

/**
 * Bins that resolve the spread of the recovery times, wherever it lies: a playbook that always
 * recovers in 1:03 to 1:07 gets bins of a second, not one bar of a tenth of the target. Derived
 * from the times alone, so a sweep and the merge of its shards bin alike.
 */
export function recoveryBins(d: Distribution): { fromMs: number; binMs: number; count: number } {
  const range = d.range();
  if (range === null) return { fromMs: 0, binMs: 1000, count: 0 };
  const binMs = BIN_STEPS_MS.find((b) => (range.hi - range.lo) / b <= HISTOGRAM_BINS) ?? BIN_STEPS_MS[BIN_STEPS_MS.length - 1]!;
  let first = Math.floor(range.lo / binMs);
  let count = Math.floor(range.hi / binMs) - first + 1;
  if (count < MIN_BINS) {
    // Room either side of a narrow spread, so a single bar does not fill the chart.
    first = Math.max(0, first - Math.floor((MIN_BINS - count) / 2));
    count = MIN_BINS;
  }
  return { fromMs: first * binMs, binMs, count };
}

class CaseTally {
  drills = 0;
  passed = 0;
  readonly recovery = new Distribution();
  readonly detect = new Distribution();
  readonly mitigate = new Distribution();
  readonly score = new Tally();
  readonly counts = new Map(COUNT_NAMES.map((n) => [n, new Tally()]));
  noImpact = 0;
  worst: DrillRecord | null = null;

  add(r: DrillRecord): void {
    this.drills++;
    if (r.verdict === 'PASS') this.passed++;
    if (r.impactStartMs === null) this.noImpact++;
    else {
      this.recovery.add(r.recoverMs);
      this.detect.add(r.detectMs);
      if (r.detectMs !== null) this.mitigate.add(r.mitigateMs);
    }
    this.score.add(r.score);
    for (const n of COUNT_NAMES) this.counts.get(n)!.add(r.counts[n]);
    if (this.worst === null || worseFirst(r, this.worst) < 0) this.worst = r;
  }
}

function timeStats(d: Distribution): TimeStats {
  return { n: d.n, never: d.never, p50Ms: d.percentile(50), p95Ms: d.percentile(95), maxMs: d.max() };
}

/**
 * Summarises a sweep from its drills, one at a time, in constant memory per case. Fed the same
 * drills in the same order, it gives the same summary to the byte: a whole sweep and the merge
 * of its shards agree.
 */
export class SummaryBuilder {
  private readonly tallies: CaseTally[];
  private readonly index = new Map<string, number>();

  constructor(private readonly header: SweepHeader) {
    this.tallies = header.cases.map(() => new CaseTally());
    header.cases.forEach((c, i) => this.index.set(caseKey(c.scenario, c.playbook), i));
  }

  /** The case a drill belongs to, or undefined when the header has no such case. */
  caseOf(r: Pick<DrillRecord, 'scenario' | 'playbook'>): number | undefined {
    return this.index.get(caseKey(r.scenario, r.playbook));
  }

  add(r: DrillRecord): void {
    const i = this.caseOf(r);
    if (i === undefined) throw new Error(`drill of ${r.scenario} with ${r.playbook} matches no case of the sweep`);
    this.tallies[i]!.add(r);
  }

  /** The worst drill of each case so far (null where a case has none). */
  worst(): (DrillRecord | null)[] {
    return this.tallies.map((t) => t.worst);
  }

  /** The summary of the drills added, for a run that ended, or was stopped (`interrupted`). */
  finish(interrupted?: Interruption): SweepSummary {
    const cases = this.tallies.map((t, i) => this.caseSummary(t, i));
    const drills = cases.reduce((s, c) => s + c.drills, 0);
    const passed = cases.reduce((s, c) => s + c.passed, 0);
    const expected = cases.filter((c) => c.status === 'expected-miss' || c.status === 'unexpected-pass');
    const expectedMisses = expected.reduce((s, c) => s + c.failed, 0);
    const unexpectedPasses = expected.reduce((s, c) => s + c.passed, 0);
    const status: RunStatus = interrupted ? 'interrupted' : drills > 0 && !cases.some(failsRun) ? 'passed' : 'failed';
    return { status, ...(interrupted ? { interrupted } : {}), drills, passed, failed: drills - passed, expectedMisses, unexpectedPasses, cases };
  }

  private caseSummary(t: CaseTally, i: number): CaseSummary {
    const info = this.header.cases[i]!;
    const { fromMs, binMs, count } = recoveryBins(t.recovery);
    const bins = Array.from({ length: count }, (_, b) => t.recovery.countIn(fromMs + b * binMs, fromMs + (b + 1) * binMs));
    const counts = Object.fromEntries(COUNT_NAMES.map((n) => [n, t.counts.get(n)!.summary()])) as CaseSummary['counts'];
    const w = t.worst;
    return {
      scenario: info.scenario,
      playbook: info.playbook,
      status: caseStatus(info.expectedMiss !== null, t.drills, t.passed),
      drills: t.drills,
      passed: t.passed,
      failed: t.drills - t.passed,
      passRate: t.drills === 0 ? 0 : Math.round((t.passed / t.drills) * 10_000) / 10_000,
      recovery: timeStats(t.recovery),
      detect: timeStats(t.detect),
      mitigate: timeStats(t.mitigate),
      score: t.score.summary(),
      counts,
      histogram: { fromMs, binMs, bins, never: t.recovery.never, noImpact: t.noImpact },
      worst: w && {
        seed: w.seed,
        verdict: w.verdict,
        recoverMs: recoveryKey(w) < 0 ? null : w.recoverMs,
        outcome: outcome(w, info.targetMs),
        score: w.score,
        replay: replayCommand(info, w.seed),
      },
    };
  }
}
