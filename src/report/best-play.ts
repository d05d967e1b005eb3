import { formatClock } from '../core/monitors.js';
import type { DrillResult } from '../core/result.js';

/** One moment of the side-by-side: what the learner did and what the best play did at that time. */
export interface PlayRow {
  tMs: number;
  you?: string;
  best?: string;
}

function commands(result: DrillResult): { tMs: number; text: string }[] {
  return result.actions.filter((a) => a.status !== 'rejected').map((a) => ({ tMs: a.atMs, text: `${a.command} → ${a.status}${a.endMs !== null && a.endMs > a.atMs ? ` at ${formatClock(a.endMs)}` : ''}` }));
}

function milestones(result: DrillResult): { tMs: number; text: string }[] {
  return result.timeline.filter((e) => e.kind === 'detect' || e.kind === 'mitigate' || e.kind === 'recover').map((e) => ({ tMs: e.tMs, text: `(${e.kind})` }));
}

/**
 * The learner's drill and the best play on the same seed, aligned by time: one row per command or
 * milestone, the learner's and the best play's side by side where they fall in the same second.
 */
export function alignPlays(you: DrillResult, best: DrillResult): PlayRow[] {
  const mine = [...commands(you), ...milestones(you)].sort((a, b) => a.tMs - b.tMs);
  const theirs = [...commands(best), ...milestones(best)].sort((a, b) => a.tMs - b.tMs);
  const rows: PlayRow[] = [];
  let i = 0;
  let j = 0;
  while (i < mine.length || j < theirs.length) {
    const a = mine[i];
    const b = theirs[j];
    if (a && b && a.tMs === b.tMs) {
      rows.push({ tMs: a.tMs, you: a.text, best: b.text });
      i++;
      j++;
    } else if (a && (!b || a.tMs < b.tMs)) {
      rows.push({ tMs: a.tMs, you: a.text });
      i++;
    } else {
      rows.push({ tMs: b!.tMs, best: b!.text });
      j++;
    }
  }
  return rows;
}
