import { counted } from './counted.js';
import { formatClock } from './monitors.js';

export interface Penalty {
  id: string;
  points: number;
  explain: string;
}

/**
 * The facts a score is computed from: what the drill cost, each in the direction "more is
 * worse". Nothing else moves the score, so a drill that is no better on any of them and worse on
 * one always scores lower (a property test holds the score to it).
 */
export interface ScoreInput {
  targetMs: number;
  /** From impact start to recovered: 0 with no impact, null when it never recovered. */
  outageMs: number | null;
  /** Detection and recovery as the report states them, for the explanation only. */
  detectMs: number | null;
  recoverMs: number | null;
  /** User-minutes of failed or bad responses beyond what the healthy system gives anyway. */
  userMinutes: number;
  /** Rows not back at the end: lost for good, or still gone. */
  rowsMissing: number;
  /** Side effects nobody undid: irreversible ones, and compensatable ones left uncompensated. */
  sideEffectsLeft: number;
  unnecessaryRollbacks: number;
  actionsFailed: number;
  /**
   * Of the failed actions, those the operator's own later command replaced before they finished
   * (a rollout superseded by a newer one): still counted among the failed, named apart in the
   * explanation so it agrees with a debrief that shows them as superseded.
   */
  actionsSuperseded?: number;
}

/**
 * The most each cost can take off, summing to less than 100: the score never needs clamping,
 * so it keeps falling however bad a drill gets. Recovery weighs most; then the harm to users,
 * the data, needless rollbacks, what was left standing, and failed commands.
 */
export const MAX_POINTS = { recovery: 38, users: 24, data: 15, unnecessary: 11, sideEffects: 8, failedActions: 3 } as const;

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * A share of `max` that rises with `x` on a log scale and never reaches `max`: each tenfold
 * increase costs something, and a larger amount always costs more (no cap where it stops counting).
 * `half` is the amount that costs half.
 */
function logShare(max: number, x: number, half: number): number {
  const l = Math.log10(1 + Math.max(0, x));
  const h = Math.log10(1 + half);
  return (max * l) / (l + h);
}

/** The same for small counts: the first costs most, each further one something. */
function countShare(max: number, n: number, half: number): number {
  return (max * n) / (n + half);
}

/**
 * The recovery penalty: the outage measured in targets on a log scale, so a quarter of the
 * target costs about a tenth, the target about a quarter, a day of outage about three quarters,
 * and never recovering all of it. It rises with every millisecond.
 */
export function recoveryPenalty(outageMs: number | null, targetMs: number): number {
  if (outageMs === null) return MAX_POINTS.recovery;
  const l = Math.log10(1 + Math.max(0, outageMs) / targetMs);
  return (MAX_POINTS.recovery * l) / (l + 1);
}

/** The score with every digit kept: what orders two drills. The report shows it rounded. */
export function exactScore(input: ScoreInput): number {
  return 100 - parts(input).reduce((s, p) => s + p.exact, 0);
}

/** A 0-100 score with every point taken off explained. */
export function score(input: ScoreInput): { score: number; penalties: Penalty[] } {
  const penalties: Penalty[] = [];
  // A penalty that rounds to nothing is not listed: the report would show "-0".
  for (const p of parts(input)) if (round1(p.exact) > 0) penalties.push({ id: p.id, points: round1(p.exact), explain: p.explain });
  return { score: Math.round(exactScore(input)), penalties };
}

function parts(input: ScoreInput): { id: string; exact: number; explain: string }[] {
  const out: { id: string; exact: number; explain: string }[] = [];
  if (input.outageMs !== 0) {
    out.push({ id: 'recovery', exact: recoveryPenalty(input.outageMs, input.targetMs), explain: outageText(input) });
  }
  out.push({ id: 'users', exact: logShare(MAX_POINTS.users, input.userMinutes, 1000), explain: `${counted(Math.round(input.userMinutes), 'user-minute')} of failed or bad responses beyond the healthy baseline` });
  out.push({ id: 'data', exact: logShare(MAX_POINTS.data, input.rowsMissing, 1000), explain: `${counted(input.rowsMissing, 'row')} not back at the end` });
  out.push({ id: 'unnecessary', exact: countShare(MAX_POINTS.unnecessary, input.unnecessaryRollbacks, 0.5), explain: `${counted(input.unnecessaryRollbacks, 'rollback')} that removed no cause` });
  out.push({ id: 'side-effects', exact: logShare(MAX_POINTS.sideEffects, input.sideEffectsLeft, 100), explain: `${counted(input.sideEffectsLeft, 'side effect')} nobody undid (irreversible, or never compensated)` });
  out.push({ id: 'failed-actions', exact: countShare(MAX_POINTS.failedActions, input.actionsFailed, 2), explain: failedText(input.actionsFailed, input.actionsSuperseded ?? 0) });
  return out;
}

/** When and how a drill ended, as far as whether it can be scored. */
export interface DrillEnd {
  /** Someone ended the drill before it ended by itself (a facilitator, a learner). */
  endedByPerson: boolean;
  impactStartMs: number | null;
  /** When the incident was detected (an alert, or the team's declaration); null when never. */
  detectedAtMs: number | null;
}

/**
 * Why a drill gets no score, or undefined when it gets one. The score measures a response
 * against what the incident cost; a drill someone ended before the incident began, or before
 * anyone detected it, had no response to measure, and what it cost so far is only the
 * beginning: a number there would read as a good result. It stays a FAIL, unscored.
 */
export function unscored(end: DrillEnd): string | undefined {
  if (!end.endedByPerson) return undefined;
  if (end.impactStartMs === null) return 'ended before the incident began';
  if (end.detectedAtMs === null) return 'ended before the incident was detected';
  return undefined;
}

function failedText(failed: number, superseded: number): string {
  if (superseded === 0) return `${counted(failed, 'action')} failed`;
  const which = failed === superseded ? '' : `${failed - superseded} failed, ${superseded} `;
  return `${counted(failed, 'action')} did not complete: ${which}superseded by a later command`;
}

function outageText(input: ScoreInput): string {
  const target = formatClock(input.targetMs);
  if (input.outageMs === null) return `never recovered within the drill (target ${target})`;
  const detected = input.detectMs === null ? 'never detected' : `detected after ${formatClock(input.detectMs)}`;
  const recovered = input.recoverMs === null ? '' : `, recovered ${formatClock(input.recoverMs)} after ${input.detectMs === null ? 'impact' : 'detection'}`;
  return `outage of ${formatClock(input.outageMs)} (${detected}${recovered}) against a target of ${target}`;
}
