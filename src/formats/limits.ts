/**
 * Every limit on what Firedrill reads, in one place (the README's Limits section lists them).
 * A file past one is refused with a message naming the limit, never loaded half-way, and never
 * let through to a drill that would spin, overflow or fill the memory.
 */

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;

/**
 * Scenario and playbook files larger than this are refused: 32 KiB is seven times the largest
 * built-in scenario, and keeps the slowest file under it to read (a flow list of 16,000
 * numbers) well inside a second on a busy machine.
 */
export const MAX_FILE_BYTES = 32_768;
/** YAML aliases a file may expand (guards against alias bombs). */
export const MAX_ALIASES = 100;
/**
 * Nodes (mappings, lists and values) a file may hold once its aliases are expanded. A file of
 * MAX_FILE_BYTES holds at most about 16,000 nodes written out, so only aliases can reach this.
 */
export const MAX_NODES = 20_000;
/** Mappings and sequences nested deeper than this are refused. */
export const MAX_DEPTH = 64;
/** Problems reported for one file at most: past this many, the rest say nothing new. */
export const MAX_PROBLEMS = 50;

/** Any duration in a file: a year (the oldest backups the sources mention are three months old). */
export const MAX_DURATION_MS = 365 * DAY_MS;
/** Simulated time a drill may run: the sources' slowest detection (4.5 days of drift) fits with room. */
export const MAX_HORIZON_MS = 30 * DAY_MS;
/** The clock ticks once a second: a shorter drill would see no traffic at all. */
export const MIN_HORIZON_MS = SECOND_MS;

/** Steps in a playbook, counted through every parallel, atomic and onFail branch. */
export const MAX_PLAYBOOK_STEPS = 1_000;
/** `verify` gates in a playbook. */
export const MAX_PLAYBOOK_GATES = 200;
/** `onFail` branches in a playbook. */
export const MAX_PLAYBOOK_BRANCHES = 200;

/** Canary steps, weights, checks, gates, measurements of one analysis, alerts: each list of a controller. */
export const MAX_CONTROLLER_ITEMS = 200;
/**
 * The longest range a controller's query may read (the drill keeps that much history of every
 * series it exposes, one sample a second), as long as the longest window a monitor may use.
 */
export const MAX_QUERY_RANGE_MS = 6 * 3_600_000;
/** The shortest interval between measurements, checks or rule evaluations: the clock's tick. */
export const MIN_INTERVAL_MS = SECOND_MS;

/** Rows in a table, requests in a window: counts a real system reaches, far below where doubles lose units. */
export const MAX_COUNT = 1_000_000_000_000;
/** Rows written, updated or restored per second, requests per second one pod serves. */
export const MAX_RATE_PER_S = 1_000_000_000;
/** Replicas of one deployment (and after a `scale`), and a count of pods a rollout may add or take away at once. */
export { MAX_REPLICAS } from '../core/actions/values.js';
/** Slots in a pool, shared by deployments of up to MAX_REPLICAS each. */
export const MAX_POOL_SLOTS = 100_000;
/** Latency, capacity and traffic factors. */
export const MAX_FACTOR = 1_000;
/** Any other number (metric baselines and thresholds, settings), in absolute value. */
export const MAX_NUMBER = 1_000_000_000_000;

/** Seeds of one sweep: guards against a typo like --seeds 10000000000 turning into a run that never ends. */
export const MAX_SEEDS = 1_000_000;

/** A journal holds one line per command: far more than any drill a person or a playbook runs. */
export const MAX_JOURNAL_BYTES = 64 * 1_048_576;
/** A result file (report.json) of a sweep: a million seeds of every built-in scenario fit. */
export const MAX_RESULT_BYTES = 16 * 1_073_741_824;
/** One line of a result file: a drill, or the full report of a worst seed with its charts. */
export const MAX_RESULT_LINE_CHARS = 64 * 1_048_576;

/** A duration as the files write it: whole days where it is, else hours, minutes, seconds. */
export function durationText(ms: number): string {
  for (const [unit, size] of [['d', DAY_MS], ['h', 3_600_000], ['m', 60_000], ['s', SECOND_MS]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
