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

/** When the drill was detected, mitigated and recovered, on the drill's clock (a recovery counts from when the world settled, not from when the settle window ran out). */
function milestones(result: DrillResult): { tMs: number; text: string }[] {
  if (result.impactStartMs === null || result.detectMs === null) return [];
  const detectAt = result.impactStartMs + result.detectMs;
  const out = [{ tMs: detectAt, text: '(detected)' }];
  if (result.mitigateMs !== null) out.push({ tMs: detectAt + result.mitigateMs, text: '(mitigated)' });
  if (result.recoverMs !== null) out.push({ tMs: detectAt + result.recoverMs, text: '(recovered)' });
  return out;
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
