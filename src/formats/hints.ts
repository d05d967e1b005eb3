import type { HintInput } from './scenario-schema.js';
import { formatDuration } from './write-scenario.js';

/**
 * A hint written as a plain string unlocks this long after the hint before it, the first this
 * long after detection: three plain hints unlock at 1, 2 and 3 minutes, inside a five-minute
 * target, so a stuck learner has the play with time left to run it.
 */
export const HINT_STEP_MS = 60_000;

/** A hint as a trainer shows it: unlocked `unlockMs` after detection (the first alert or the team's declare). */
export interface Hint {
  text: string;
  unlockMs: number;
}

export interface HintSchedule {
  hints: Hint[];
  /** Hints whose `after` comes before the unlock of the hint above them: hints unlock in the order written. */
  outOfOrder: { index: number; message: string }[];
}

/** Gives every hint its unlock time, counted from detection. */
export function scheduleHints(input: readonly HintInput[]): HintSchedule {
  const hints: Hint[] = [];
  const outOfOrder: HintSchedule['outOfOrder'] = [];
  let previousMs = 0;
  input.forEach((h, i) => {
    if (typeof h === 'string') {
      previousMs += HINT_STEP_MS;
      hints.push({ text: h, unlockMs: previousMs });
      return;
    }
    if (h.after < previousMs) {
      outOfOrder.push({
        index: i,
        message: `hint ${i + 1} unlocks at ${formatDuration(h.after)}, before hint ${i} (${formatDuration(previousMs)}): hints unlock in the order written, so give it an 'after' of at least ${formatDuration(previousMs)}`,
      });
    }
    previousMs = Math.max(previousMs, h.after);
    hints.push({ text: h.text, unlockMs: h.after });
  });
  return { hints, outOfOrder };
}
