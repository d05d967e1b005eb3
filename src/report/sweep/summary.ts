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

export interface CaseSummary {
  scenario: string;
  playbook: string;
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
  /** Recovery times in bins of a tenth of the target up to twice the target, then the rest. */
  histogram: { binMs: number; bins: number[]; later: number; never: number; noImpact: number };
  worst: { seed: number; verdict: DrillRecord['verdict']; recoverMs: number | null; outcome: string; score: number; replay: string } | null;
}

/**
 * What became of the run as a whole: every drill met its target, at least one missed it, or
 * the run was stopped before its end (whatever the drills that finished came to: a run that
 * did not finish proves nothing, so it never reads as passed).
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
  passed: number;
  failed: number;
  cases: CaseSummary[];
}

const HISTOGRAM_BINS = 20;

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
    const status: RunStatus = interrupted ? 'interrupted' : drills > 0 && passed === drills ? 'passed' : 'failed';
    return { status, ...(interrupted ? { interrupted } : {}), drills, passed, failed: drills - passed, cases };
  }

  private caseSummary(t: CaseTally, i: number): CaseSummary {
    const info = this.header.cases[i]!;
    const binMs = Math.max(1000, Math.round(info.targetMs / (HISTOGRAM_BINS / 2)));
    const bins = Array.from({ length: HISTOGRAM_BINS }, (_, b) => t.recovery.countIn(b * binMs, (b + 1) * binMs));
    const recovered = t.recovery.n - t.recovery.never;
    const counts = Object.fromEntries(COUNT_NAMES.map((n) => [n, t.counts.get(n)!.summary()])) as CaseSummary['counts'];
    const w = t.worst;
    return {
      scenario: info.scenario,
      playbook: info.playbook,
      drills: t.drills,
      passed: t.passed,
      failed: t.drills - t.passed,
      passRate: t.drills === 0 ? 0 : Math.round((t.passed / t.drills) * 10_000) / 10_000,
      recovery: timeStats(t.recovery),
      detect: timeStats(t.detect),
      mitigate: timeStats(t.mitigate),
      score: t.score.summary(),
      counts,
      histogram: { binMs, bins, later: recovered - bins.reduce((s, b) => s + b, 0), never: t.recovery.never, noImpact: t.noImpact },
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
