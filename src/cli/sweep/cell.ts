import { userHistogram, type SharedHistogram } from '../../core/buckets.js';
import { drillPlaybook } from '../../drill/playbook-runner.js';
import type { Playbook } from '../../formats/playbook.js';
import type { Scenario } from '../../formats/scenario.js';
import { buildReport, type Report } from '../../report/report.js';
import { drillRecord, type DrillRecord } from '../../report/sweep/record.js';
import { cellAt, type Grid, type Slice } from './grid.js';

/**
 * A scenario and a playbook, compiled. Both are plain data, so a worker thread receives them as
 * a copy and starts drilling at once instead of parsing every file again.
 */
export interface LoadedCase {
  scenario: Scenario;
  playbook: Playbook;
}

/** What a drill runner (a worker thread, or the calling thread for a few drills) is given. */
export interface RunnerData {
  cases: LoadedCase[];
  grid: Grid;
  slice: Slice;
  firedrill: string;
  /** Whether the detailed reports carry charts: only their drills then keep a chart copy of every series. */
  charts: boolean;
  /** How the users of each population that routes split fall into buckets, hashed once for every thread. */
  histograms: SharedHistogram[];
}

/**
 * The user histograms the drills of these cases may read: one per population of a scenario
 * whose routes split its users. Computed here once, they go to every worker thread with the
 * cases, so that no worker hashes the users again.
 */
export function sharedHistograms(cases: readonly LoadedCase[]): SharedHistogram[] {
  const populations = new Set(cases.filter((c) => c.scenario.spec.traffic.routes.length > 1).map((c) => c.scenario.spec.traffic.users));
  return [...populations].map((users) => ({ users, cumulative: userHistogram(users) }));
}

/** A drill that threw: a bug in firedrill, with what is needed to reproduce it. */
export interface DrillCrash {
  caseIndex: number;
  seed: number;
  message: string;
  stack: string;
}

/** Drills' records, and the wall time each took in its thread (for the time-left estimate, never for a report). */
export interface CellsRun {
  records: DrillRecord[];
  costsMs: number[];
}

/**
 * Runs the drills at slice positions [from, from + count) and keeps their records; `onDrill`
 * hears of each drill before it starts.
 */
export function runCells(data: RunnerData, from: number, count: number, onDrill?: (caseIndex: number, seed: number) => void): CellsRun | DrillCrash {
  const out: CellsRun = { records: [], costsMs: [] };
  for (let pos = from; pos < from + count; pos++) {
    const { caseIndex, seed } = cellAt(data.grid, data.slice.start + pos * data.slice.step);
    onDrill?.(caseIndex, seed);
    const c = data.cases[caseIndex]!;
    const startMs = performance.now();
    try {
      const { session } = drillPlaybook(c.scenario, c.playbook, seed);
      out.records.push(drillRecord(session.result(), c.playbook.name));
    } catch (e) {
      return crash(e, caseIndex, seed);
    }
    out.costsMs.push(performance.now() - startMs);
  }
  return out;
}

/** The full report of one drill, with per-second series for charts when the run draws them. */
export function runDetail(data: RunnerData, caseIndex: number, seed: number): Report | DrillCrash {
  const c = data.cases[caseIndex]!;
  const charts = data.charts;
  try {
    const { session, run, watched, measured } = drillPlaybook(c.scenario, c.playbook, seed, undefined, [], { trace: true, charts });
    return buildReport(session, { firedrill: data.firedrill, scenario: c.scenario, playbook: c.playbook, run, series: charts, watched, measured });
  } catch (e) {
    return crash(e, caseIndex, seed);
  }
}

function crash(e: unknown, caseIndex: number, seed: number): DrillCrash {
  const err = e instanceof Error ? e : new Error(String(e));
  return { caseIndex, seed, message: err.message, stack: err.stack ?? err.message };
}

export function isCrash(x: unknown): x is DrillCrash {
  return typeof x === 'object' && x !== null && 'stack' in x && 'caseIndex' in x;
}
