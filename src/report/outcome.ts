import { formatClock } from '../core/monitors.js';
import type { DrillResult } from '../core/result.js';

type Times = Pick<DrillResult, 'impactStartMs' | 'detectMs' | 'recoverMs'>;

/**
 * A drill where no user-facing SLO broke. Such a drill may still have done harm below the
 * SLOs (a few users shown worse answers on a canary), which its harm line counts: "no impact"
 * beside "75 users affected" would contradict it.
 */
export const NO_SLO_BROKEN = 'no SLO broken';

/**
 * Where the recovery time is counted from: detection, or impact when nothing detected it
 * (scoring's "time to recover"). It ends when the SLOs came back with the world consistent,
 * which the timeline's `recover` entry confirms a settle window later.
 */
export function recoveryCountedFrom(r: Pick<DrillResult, 'detectMs'>): string {
  return r.detectMs === null ? 'impact began' : 'detection';
}

/**
 * What a drill came to, in the words every format uses: "no SLO broken", "not recovered",
 * "recovered 3:12 after detection".
 */
export function outcomeWords(r: Times): string {
  if (r.impactStartMs === null) return NO_SLO_BROKEN;
  if (r.recoverMs === null) return 'not recovered';
  return `recovered ${formatClock(r.recoverMs)} after ${recoveryCountedFrom(r)}`;
}

/**
 * When things happened on the drill's clock, from the times a report keeps relative to each
 * other: detection, and the moment the SLOs came back with the world consistent.
 */
export function clockTimes(r: Times): { detectedAtMs: number | null; recoveredAtMs: number | null } {
  if (r.impactStartMs === null) return { detectedAtMs: null, recoveredAtMs: null };
  const detectedAtMs = r.detectMs === null ? null : r.impactStartMs + r.detectMs;
  const recoveredAtMs = r.recoverMs === null ? null : (detectedAtMs ?? r.impactStartMs) + r.recoverMs;
  return { detectedAtMs, recoveredAtMs };
}

type Timeline = Pick<DrillResult, 'timeline'>;

/** When the timeline first says the incident was detected: also where no SLO broke, so detection has no time after impact. */
export function detectedAtOnTimeline(r: Timeline): number | null {
  return r.timeline.find((e) => e.kind === 'detect')?.tMs ?? null;
}

/**
 * The recovery on the drill's clock: when the SLOs came back with the world consistent (where
 * the recovery time ends), and when the settle window that confirms it ended (the timeline's
 * `recover`): "SLOs back at 4:12, held to 5:12".
 */
export function recoveryMoments(r: Times & Timeline): string | null {
  const { recoveredAtMs } = clockTimes(r);
  if (recoveredAtMs === null) return null;
  const held = r.timeline.findLast((e) => e.kind === 'recover')?.tMs;
  return `SLOs back at ${formatClock(recoveredAtMs)}${held !== undefined && held > recoveredAtMs ? `, held to ${formatClock(held)}` : ''}`;
}
