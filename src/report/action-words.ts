import { formatClock } from '../core/monitors.js';
import type { DrillResult } from '../core/result.js';

type Action = DrillResult['actions'][number];

/** The later action whose change replaced this one's before it finished, if one did. */
export function supersedingAction(a: Action, all: readonly Action[]): Action | undefined {
  return a.supersededBy === undefined ? undefined : all.find((x) => x.id === a.supersededBy);
}

/**
 * What became of an action, as the debrief and the HTML report say it: its status and why. One
 * the operator's own later command replaced before it finished did not fail at anything: it says
 * which command superseded it, and when (and who, when someone else typed it).
 */
export function whatBecameOf(a: Action, all: readonly Action[]): string {
  const by = supersedingAction(a, all);
  if (by) return `superseded by ${by.command} (${formatClock(by.atMs)}${by.by === a.by ? '' : `, ${by.by}`})`;
  return `${a.status}${a.reason ? `: ${a.reason}` : ''}`;
}
