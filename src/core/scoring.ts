import { formatClock } from './monitors.js';

export interface Penalty {
  id: string;
  points: number;
  explain: string;
}

/** The facts a score is computed from (times relative as in the report). */
export interface ScoreInput {
  targetMs: number;
  impact: boolean;
  detectMs: number | null;
  recoverMs: number | null;
  userMinutes: number;
  badResponses: number;
  rowsLost: number;
  rowsUnavailable: number;
  irreversibleSideEffects: number;
  unstableStates: number;
  unnecessaryRollbacks: number;
  actionsFailed: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The recovery penalty grows with time to recover and never shrinks as it grows: up to 20
 * points inside the target, up to 30 more at four times the target, 50 when never recovered.
 */
export function recoveryPenalty(recoverMs: number | null, targetMs: number): number {
  if (recoverMs === null) return 50;
  const inside = 20 * Math.min(1, recoverMs / targetMs);
  const over = recoverMs > targetMs ? Math.min(30, (30 * (recoverMs - targetMs)) / (3 * targetMs)) : 0;
  return round1(inside + over);
}

/** A 0-100 score with every point taken off explained. */
export function score(input: ScoreInput): { score: number; penalties: Penalty[] } {
  const penalties: Penalty[] = [];
  const add = (id: string, points: number, explain: string): void => {
    // A penalty that rounds to nothing is not listed: the report would show "-0".
    if (round1(points) > 0) penalties.push({ id, points: round1(points), explain });
  };
  if (input.impact) {
    const r = recoveryPenalty(input.recoverMs, input.targetMs);
    add(
      'recovery',
      r,
      input.recoverMs === null
        ? 'never recovered within the drill'
        : `recovered in ${formatClock(input.recoverMs)} against a target of ${formatClock(input.targetMs)}`,
    );
    if (input.detectMs === null) add('detection', 15, 'impact was never detected');
    else add('detection', Math.min(15, (15 * input.detectMs) / (15 * 60_000)), `detected ${formatClock(input.detectMs)} after impact began`);
  }
  add('users', Math.min(10, 2 * Math.log10(1 + input.userMinutes)), `${Math.round(input.userMinutes)} user-minutes of failed or bad responses`);
  add('data', Math.min(15, 3 * Math.log10(1 + input.rowsLost)), `${input.rowsLost} rows lost for good`);
  add('data-unavailable', Math.min(10, 2 * Math.log10(1 + input.rowsUnavailable)), `${input.rowsUnavailable} rows still unavailable at the end`);
  add('side-effects', Math.min(10, 3 * Math.log10(1 + input.irreversibleSideEffects)), `${input.irreversibleSideEffects} irreversible side effects`);
  add('unstable', Math.min(15, 5 * input.unstableStates), `${input.unstableStates} unstable intermediate states entered`);
  add('unnecessary', Math.min(20, 10 * input.unnecessaryRollbacks), `${input.unnecessaryRollbacks} rollbacks that removed no cause`);
  add('failed-actions', Math.min(5, input.actionsFailed), `${input.actionsFailed} actions failed`);
  const total = penalties.reduce((s, p) => s + p.points, 0);
  return { score: Math.max(0, Math.round(100 - total)), penalties };
}
