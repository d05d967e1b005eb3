import { SweepWriter } from '../../src/report/sweep/document.js';
import { SWEEP_FORMAT, SWEEP_FORMAT_VERSION, type CaseInfo, type SweepHeader } from '../../src/report/sweep/header.js';
import type { SweepParts } from '../../src/report/sweep/reader.js';
import type { DrillRecord } from '../../src/report/sweep/record.js';
import { SummaryBuilder } from '../../src/report/sweep/summary.js';

/** A case as the planner would describe it, with names that can be overridden to test escaping. */
export function caseInfo(over: Partial<CaseInfo> = {}): CaseInfo {
  return {
    scenario: 'db-rollback',
    title: 'Database rolled back',
    playbook: 'unified',
    scenarioRef: 'scenarios/db-rollback.yaml',
    playbookRef: 'unified',
    targetMs: 300_000,
    versions: { scenario: 'sha256:aa', playbook: 'sha256:bb' },
    slos: [{ metric: 'errorRate', max: 0.01 }],
    metrics: [],
    tags: ['layer:data', 'pattern:unified-rollback'],
    expectedMiss: null,
    ...over,
  };
}

export function header(cases: CaseInfo[], seeds: { first: number; last: number }, over: Partial<SweepHeader> = {}): SweepHeader {
  return { format: SWEEP_FORMAT, formatVersion: SWEEP_FORMAT_VERSION, firedrill: 'test', command: 'firedrill run scenarios/ --playbook unified', seeds, shard: null, cases, skipped: [], ...over };
}

/** A drill that recovered in `recoverMs` (null: never), passing when inside five minutes. */
export function record(c: CaseInfo, seed: number, recoverMs: number | null, over: Partial<DrillRecord> = {}): DrillRecord {
  const pass = recoverMs !== null && recoverMs <= c.targetMs;
  return {
    scenario: c.scenario,
    playbook: c.playbook,
    seed,
    verdict: pass ? 'PASS' : 'FAIL',
    impactStartMs: 10_000,
    detectMs: 60_000,
    mitigateMs: recoverMs === null ? null : Math.max(0, recoverMs - 60_000),
    recoverMs,
    score: pass ? 80 : 30,
    penalties: [{ id: 'recovery', points: 10 }],
    counts: {
      usersAffected: 100,
      userMinutes: 50,
      failedRequests: 10,
      badResponses: 0,
      rowsLost: 0,
      irreversibleSideEffects: 0,
      unstableStates: 0,
      unnecessaryRollbacks: 0,
      actionsTaken: 2,
      actionsFailed: 0,
    },
    ...(pass ? {} : { reasons: [recoverMs === null ? 'not recovered after 1:59:00' : `recovered over the target`] }),
    ...over,
  };
}

/** Parts of a result file (no details) for the given drills, summarised as a run would. */
export function parts(h: SweepHeader, drills: DrillRecord[]): SweepParts {
  const b = new SummaryBuilder(h);
  for (const d of drills) b.add(d);
  return { header: h, summary: b.finish(), details: [] };
}

/** The whole result document as text, as a run writes it. */
export function documentText(h: SweepHeader, drills: DrillRecord[]): string {
  let text = '';
  const w = new SweepWriter((t) => void (text += t));
  w.begin(h);
  for (const d of drills) w.drill(d);
  w.end(parts(h, drills).summary, []);
  return text;
}
