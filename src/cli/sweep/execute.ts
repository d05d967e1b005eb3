import type { Report } from '../../report/report.js';
import { replayCommand, seedCount } from '../../report/sweep/header.js';
import type { DrillRecord } from '../../report/sweep/record.js';
import { SummaryBuilder, type SweepSummary } from '../../report/sweep/summary.js';
import { sliceLength, sliceOf, type Grid } from './grid.js';
import type { SweepPlan } from './plan.js';
import { sharedHistograms } from './cell.js';
import { drillRunner } from './pool.js';
import { DrillCrashError, type OnCost } from './runner.js';

export interface SweepOutcome {
  summary: SweepSummary;
  /** The full report of each case's worst seed, in case order. */
  details: Report[];
}

export interface SweepOptions {
  workers: number;
  /** Called with each drill in grid order (to stream it to a file), never with two at once. */
  onDrill?: (r: DrillRecord) => void;
  /** Called with each drill as soon as it finishes, in any order, with the wall time it took in its thread. */
  onCost?: OnCost;
  /** Rerun each case's worst seed in full for the detailed reports (default true). */
  details?: boolean;
  /** Whether those detailed reports carry charts (default false: the drills then keep none). */
  charts?: boolean;
  /** Receives a function that stops the sweep after the drills already started. */
  onStoppable?: (stop: (signal: string) => void) => void;
}

export function gridOf(plan: SweepPlan): Grid {
  return { cases: plan.cases.length, firstSeed: plan.header.seeds.first, seeds: seedCount(plan.header) };
}

export function drillsIn(plan: SweepPlan): number {
  return sliceLength(sliceOf(gridOf(plan), plan.header.shard));
}

/**
 * Runs this shard's slice of the grid and summarises it as the records arrive: memory stays
 * flat in the number of seeds. Then runs each case's worst seed again, in full, for the charts
 * and timeline of the detailed report (a drill is deterministic, so the rerun is that drill).
 */
export async function executeSweep(plan: SweepPlan, options: SweepOptions): Promise<SweepOutcome> {
  const grid = gridOf(plan);
  const cases = plan.cases.map((c) => ({ scenario: c.scenario, playbook: c.playbook }));
  const data = { cases, grid, slice: sliceOf(grid, plan.header.shard), firedrill: plan.header.firedrill, charts: options.charts ?? false, histograms: sharedHistograms(cases) };
  const builder = new SummaryBuilder(plan.header);
  const runner = drillRunner(data, options.workers);
  let stoppedBy: string | undefined;
  options.onStoppable?.((signal) => {
    stoppedBy = signal;
    runner.stop();
  });
  try {
    await runner.run((r) => {
      builder.add(r);
      options.onDrill?.(r);
    }, options.onCost);
    // An interrupted sweep is reported as it stands: no further drills, not even the reruns.
    const worst = builder.worst().flatMap((w, caseIndex) => (w ? [{ caseIndex, seed: w.seed }] : []));
    const details = options.details === false || stoppedBy !== undefined ? [] : await runner.details(worst);
    const abandoned = runner.abandoned > 0 ? { abandoned: runner.abandoned } : {};
    const summary = builder.finish(stoppedBy === undefined ? undefined : { planned: drillsIn(plan), signal: stoppedBy, ...abandoned });
    return { summary, details };
  } catch (e) {
    if (!(e instanceof DrillCrashError)) throw e;
    const info = plan.cases[e.crash.caseIndex]!.info;
    const err = new Error(`drill of ${info.scenario} with ${info.playbook}, seed ${e.crash.seed}, failed: ${e.crash.message}\nReplay that drill alone with: ${replayCommand(info, e.crash.seed)}`);
    err.stack = `${err.message}\n${e.crash.stack}`;
    throw err;
  } finally {
    await runner.close();
  }
}
