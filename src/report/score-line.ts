import type { DrillResult } from '../core/result.js';

/**
 * A drill's score as every report says it: `score 44/100`, or, for a drill ended before there
 * was a response to measure, `not scored: ended before the incident began`. The debrief, the
 * JSON report, the text and HTML reports and the training record read the same two fields.
 */
export function scoreLine(r: Pick<DrillResult, 'score' | 'notScored'>): string {
  return r.score === null ? `not scored: ${r.notScored ?? 'no score'}` : `score ${r.score}/100`;
}

/** What a facilitator is told under "Score" when there is none. */
export function notScoredExplained(r: Pick<DrillResult, 'notScored'>): string {
  return `${r.notScored ?? 'no score'}: a score measures the team's response against what the incident cost, and there was no response yet to measure; the verdict stays FAIL`;
}
