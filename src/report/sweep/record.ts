import type { DrillResult, Verdict } from '../../core/result.js';

/** The figures of one drill a sweep keeps: enough to summarise and to explain a miss; no timeline. */
export interface DrillRecord {
  scenario: string;
  playbook: string;
  seed: number;
  verdict: Verdict;
  impactStartMs: number | null;
  detectMs: number | null;
  mitigateMs: number | null;
  recoverMs: number | null;
  score: number;
  penalties: { id: string; points: number }[];
  counts: RecordCounts;
  /** Why the drill missed its target; kept for misses only (a pass needs no explaining). */
  reasons?: string[];
  /** Guardrails missing from the system that would have prevented the harm (misses only, when any). */
  guardrails?: string[];
}

export interface RecordCounts {
  usersAffected: number;
  userMinutes: number;
  failedRequests: number;
  badResponses: number;
  rowsLost: number;
  irreversibleSideEffects: number;
  unstableStates: number;
  unnecessaryRollbacks: number;
  actionsTaken: number;
  actionsFailed: number;
}

export const COUNT_NAMES: readonly (keyof RecordCounts)[] = [
  'usersAffected',
  'userMinutes',
  'failedRequests',
  'badResponses',
  'rowsLost',
  'irreversibleSideEffects',
  'unstableStates',
  'unnecessaryRollbacks',
  'actionsTaken',
  'actionsFailed',
];

/** Keys are written in one fixed order, so the same drill always serialises to the same bytes. */
export function drillRecord(r: DrillResult, playbook: string): DrillRecord {
  const c = r.counts;
  // Only a person ends a drill before its incident is detected, and a sweep has none at the keyboard.
  if (r.score === null) throw new Error(`drill ${r.scenario} seed ${r.seed} with ${playbook} has no score (${r.notScored}): a sweep's drills always run to their end`);
  const record: DrillRecord = {
    scenario: r.scenario,
    playbook,
    seed: r.seed,
    verdict: r.verdict,
    impactStartMs: r.impactStartMs,
    detectMs: r.detectMs,
    mitigateMs: r.mitigateMs,
    recoverMs: r.recoverMs,
    score: r.score,
    penalties: r.penalties.map((p) => ({ id: p.id, points: p.points })),
    counts: {
      usersAffected: c.usersAffected,
      userMinutes: c.userMinutes,
      failedRequests: c.failedRequests,
      badResponses: c.badResponses,
      rowsLost: c.rowsLost,
      irreversibleSideEffects: c.irreversibleSideEffects,
      unstableStates: c.unstableStates.length,
      unnecessaryRollbacks: c.unnecessaryRollbacks.length,
      actionsTaken: c.actionsTaken,
      actionsFailed: c.actionsFailed,
    },
  };
  if (r.verdict === 'FAIL') record.reasons = r.reasons;
  if (r.verdict === 'FAIL' && r.missingGuardrails.length > 0) record.guardrails = r.missingGuardrails;
  return record;
}

/** Recovery as a sort key: no impact is best, never recovered is worst. */
export function recoveryKey(r: Pick<DrillRecord, 'impactStartMs' | 'recoverMs'>): number {
  if (r.impactStartMs === null) return -1;
  return r.recoverMs ?? Number.POSITIVE_INFINITY;
}

/**
 * Orders drills worst first: a miss before a pass, then the slowest recovery (never recovered
 * slowest of all), then the lowest score, then the lowest seed, so the worst seed of a sweep is
 * one well-defined drill however the sweep was split.
 */
export function worseFirst(a: DrillRecord, b: DrillRecord): number {
  if (a.verdict !== b.verdict) return a.verdict === 'FAIL' ? -1 : 1;
  const ra = recoveryKey(a);
  const rb = recoveryKey(b);
  if (ra !== rb) return ra > rb ? -1 : 1;
  if (a.score !== b.score) return a.score - b.score;
  return a.seed - b.seed;
}
