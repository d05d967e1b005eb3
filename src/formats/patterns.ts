/**
 * The rollback patterns Firedrill teaches, named once: a scenario states the ones it teaches,
 * the training curriculum groups its levels by them, and sweeps filter on them as tags. Each is
 * one of the source articles' remedies.
 */
export const PATTERNS = {
  'unified-rollback': 'roll back every layer of a release as one unit, never one component at a time',
  'pinned-versions': 'immutable artifacts and pinned, dated model versions instead of floating aliases',
  'behavioural-monitoring': 'watch what the system says and decides, not only its errors and latency',
  'business-triggers': 'roll back on business metrics (approvals, false negatives, sentiment)',
  'alert-windows': 'short and long alert windows that ignore transient spikes',
  'progressive-delivery': 'canaries, blue/green, feature flags and pointer flips: a rollback that is a switch, not a redeploy',
  'rollback-safe-writes': 'write so that rollback stays possible: soft delete, backups out of reach, least privilege, additive schema changes',
} as const;

export type Pattern = keyof typeof PATTERNS;

export const PATTERN_NAMES = Object.keys(PATTERNS) as Pattern[];
