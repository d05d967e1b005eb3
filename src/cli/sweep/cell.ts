import { drillPlaybook } from '../../drill/playbook-runner.js';
import { loadPlaybook, type Playbook } from '../../formats/playbook.js';
import { loadScenario, type Scenario } from '../../formats/scenario.js';
import { buildReport, type Report } from '../../report/report.js';
import { drillRecord, type DrillRecord } from '../../report/sweep/record.js';
import { cellAt, type Grid, type Slice } from './grid.js';
import type { CaseSource } from './plan.js';

/** What a drill runner (a worker thread, or the main thread for one drill) is given. */
export interface RunnerData {
  cases: CaseSource[];
  grid: Grid;
  slice: Slice;
  firedrill: string;
}

export interface LoadedCase {
  scenario: Scenario;
  playbook: Playbook;
}

export function loadCases(sources: readonly CaseSource[]): LoadedCase[] {
  return sources.map((s) => ({ scenario: loadScenario(s.scenarioText, s.scenarioFile), playbook: loadPlaybook(s.playbookText, s.playbookFile) }));
}

/** A drill that threw: a bug in firedrill, with what is needed to reproduce it. */
export interface DrillCrash {
  caseIndex: number;
  seed: number;
  message: string;
  stack: string;
}

/** Runs the drills at slice positions [from, from + count) and keeps their records. */
export function runCells(data: RunnerData, cases: readonly LoadedCase[], from: number, count: number): DrillRecord[] | DrillCrash {
  const records: DrillRecord[] = [];
  for (let pos = from; pos < from + count; pos++) {
    const { caseIndex, seed } = cellAt(data.grid, data.slice.start + pos * data.slice.step);
    const c = cases[caseIndex]!;
    try {
      const { session } = drillPlaybook(c.scenario, c.playbook, seed);
      records.push(drillRecord(session.result(), c.playbook.name));
    } catch (e) {
      return crash(e, caseIndex, seed);
    }
  }
  return records;
}

/** The full report of one drill, with per-second series for charts. */
export function runDetail(data: RunnerData, cases: readonly LoadedCase[], caseIndex: number, seed: number): Report | DrillCrash {
  const c = cases[caseIndex]!;
  try {
    const { session, run } = drillPlaybook(c.scenario, c.playbook, seed);
    return buildReport(session, { firedrill: data.firedrill, scenario: c.scenario, playbook: c.playbook, run, series: true });
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
