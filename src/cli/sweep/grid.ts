import { MAX_SEEDS } from '../../formats/limits.js';
import { UsageError } from '../io.js';

export { MAX_SEEDS };

/**
 * The (case, seed) grid of a sweep, numbered case by case: cell i is case floor(i / seeds),
 * seed first + i % seeds. Shard K of N takes every cell with i % N == K - 1: a deterministic
 * slice that spreads slow and fast scenarios evenly over the shards.
 */
export interface Grid {
  cases: number;
  firstSeed: number;
  seeds: number;
}

export interface Shard {
  index: number;
  count: number;
}

/** The cells one run executes: start, start + step, ... below end. */
export interface Slice {
  start: number;
  step: number;
  end: number;
}

export const MAX_SHARDS = 10_000;

export function cellCount(g: Grid): number {
  return g.cases * g.seeds;
}

export function cellAt(g: Grid, index: number): { caseIndex: number; seed: number } {
  return { caseIndex: Math.floor(index / g.seeds), seed: g.firstSeed + (index % g.seeds) };
}

export function indexOf(g: Grid, caseIndex: number, seed: number): number {
  return caseIndex * g.seeds + (seed - g.firstSeed);
}

export function sliceOf(g: Grid, shard: Shard | null): Slice {
  return { start: shard ? shard.index - 1 : 0, step: shard ? shard.count : 1, end: cellCount(g) };
}

export function sliceLength(s: Slice): number {
  return s.end <= s.start ? 0 : Math.ceil((s.end - s.start) / s.step);
}

export function parseShard(text: string | undefined): Shard | null {
  if (text === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UsageError(`--shard must be K/N with 1 <= K <= N <= ${MAX_SHARDS} (e.g. --shard 2/3), or auto, got '${text}'`, 'run');
  }
  return { index, count };
}

/** How many drills of each case a slice holds: the cells of case c are c * seeds up to (c + 1) * seeds. */
export function drillsPerCase(g: Grid, s: Slice): number[] {
  return Array.from({ length: g.cases }, (_, c) => {
    const from = Math.max(c * g.seeds, s.start);
    const to = Math.min((c + 1) * g.seeds, s.end);
    // The first cell of the slice at or after `from`, then one every `step`.
    const first = s.start + Math.ceil((from - s.start) / s.step) * s.step;
    return first < to ? Math.floor((to - 1 - first) / s.step) + 1 : 0;
  });
}
