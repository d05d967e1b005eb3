import type { DrillResult } from '../core/result.js';

/** One moment of the side-by-side: what the learner did and what the best play did at that time. */
export interface PlayRow {
  tMs: number;
  you?: string;
  best?: string;
}

function commands(result: DrillResult): { tMs: number; text: string }[] {
  return result.actions.filter((a) => a.status !== 'rejected').map((a) => ({ tMs: a.atMs, text: `${a.command} → ${a.status}${a.endMs !== null ? ` at ${Math.round(a.endMs / 1000)}s` : ''}` }));
}

function milestones(result: DrillResult): { tMs: number; text: string }[] {
  return result.timeline.filter((e) => e.kind === 'detect' || e.kind === 'mitigate' || e.kind === 'recover').map((e) => ({ tMs: e.tMs, text: `(${e.kind})` }));
}

/** The learner's drill and the best play on the same seed, aligned by time: one row per moment. */
export function alignPlays(you: DrillResult, best: DrillResult): PlayRow[] {
  const rows = new Map<number, PlayRow>();
  const put = (tMs: number, side: 'you' | 'best', text: string): void => {
    const row = rows.get(tMs) ?? { tMs };
    row[side] = row[side] ? `${row[side]}; ${text}` : text;
    rows.set(tMs, row);
  };
  for (const c of [...commands(you), ...milestones(you)]) put(c.tMs, 'you', c.text);
  for (const c of [...commands(best), ...milestones(best)]) put(c.tMs, 'best', c.text);
  return [...rows.values()].sort((a, b) => a.tMs - b.tMs);
}
