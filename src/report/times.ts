import { formatClock } from '../core/monitors.js';
import type { DrillResult } from '../core/result.js';
import { detectedAtOnTimeline, recoveryCountedFrom, recoveryMoments } from './outcome.js';

type Timed = Pick<DrillResult, 'impactStartMs' | 'detectMs' | 'declaredBeforeImpactMs' | 'detectedBy' | 'mitigateMs' | 'recoverMs' | 'timeline'>;

/**
 * A drill's moments, each saying what it is counted from, as the text report and the debrief
 * show them under the verdict:
 *
 *   impact    at 1:00
 *   detected  1:00 after impact (alert payment-errors)
 *   mitigated 0:40 after detection
 *   recovered 3:12 after detection: SLOs back at 5:12, held to 6:12
 */
export function timesLines(r: Timed): string[] {
  const by = r.detectedBy ? ` (${r.detectedBy})` : '';
  if (r.impactStartMs === null) {
    const at = detectedAtOnTimeline(r);
    return at === null ? [] : [`detected  at ${formatClock(at)}, before any SLO broke${by}`];
  }
  const before = r.declaredBeforeImpactMs;
  const detected = r.detectMs === null ? 'never' : before !== null ? `${formatClock(before)} before impact${by}` : `${formatClock(r.detectMs)} after impact${by}`;
  const moments = recoveryMoments(r);
  return [
    `impact    at ${formatClock(r.impactStartMs)}`,
    `detected  ${detected}`,
    `mitigated ${r.mitigateMs === null ? 'never' : `${formatClock(r.mitigateMs)} after detection`}`,
    `recovered ${r.recoverMs === null ? 'never' : `${formatClock(r.recoverMs)} after ${recoveryCountedFrom(r)}${moments ? `: ${moments}` : ''}`}`,
  ];
}
