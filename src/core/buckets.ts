import { createHash } from 'node:crypto';
import { ONE_BLOCK_CHARS, sha256Word } from './sha256-word.js';

/** Users fall into this many buckets; a route owns a contiguous range of them. */
export const BUCKETS = 10_000;

/** A user's bucket: the first four bytes of SHA-256 of the user id, never a random draw. */
export function bucketOf(userId: string): number {
  // Short ASCII ids (every id of a population) take the fast path; the digest is the same.
  if (userId.length <= ONE_BLOCK_CHARS && /^[\x00-\x7f]*$/.test(userId)) return sha256Word(userId) % BUCKETS;
  return createHash('sha256').update(userId).digest().readUInt32BE(0) % BUCKETS;
}

/**
 * Bucket ranges for routes. Every route but the first takes its range from the bottom, last
 * declared first; the first route (the stable one) serves what is left at the top. So when a
 * canary's weight only grows, its range only grows, and no user ever leaves it.
 */
export function bucketRanges(weights: readonly number[]): { from: number; to: number }[] {
  const ranges = weights.map(() => ({ from: 0, to: 0 }));
  let at = 0;
  for (let i = weights.length - 1; i >= 1; i--) {
    const size = Math.round(Math.max(0, weights[i]!) * BUCKETS);
    const to = Math.min(BUCKETS, at + size);
    ranges[i] = { from: at, to };
    at = to;
  }
  if (ranges.length > 0) ranges[0] = { from: at, to: BUCKETS };
  return ranges;
}

export function routeOf(bucket: number, ranges: readonly { from: number; to: number }[]): number {
  for (let i = 0; i < ranges.length; i++) if (bucket >= ranges[i]!.from && bucket < ranges[i]!.to) return i;
  return 0;
}

const histograms = new Map<number, Uint32Array>();

/**
 * Cumulative count of the population's users per bucket (users are `user-0` .. `user-N-1`), so
 * a route's share of users is one subtraction. Computed once per population size and process,
 * and only when some route owns part of the buckets (see usersInRange), unless handed over by
 * the process that computed it (see adoptHistogram).
 */
export function userHistogram(users: number): Uint32Array {
  let cumulative = histograms.get(users);
  if (!cumulative) {
    const counts = new Uint32Array(BUCKETS);
    for (let i = 0; i < users; i++) counts[sha256Word(`user-${i}`) % BUCKETS]!++;
    cumulative = new Uint32Array(BUCKETS + 1);
    for (let b = 0; b < BUCKETS; b++) cumulative[b + 1] = cumulative[b]! + counts[b]!;
    histograms.set(users, cumulative);
  }
  return cumulative;
}

/** Users whose bucket falls in the range: no hashing for none of the buckets or all of them. */
export function usersInRange(users: number, range: { from: number; to: number }): number {
  if (range.to <= range.from) return 0;
  if (range.from <= 0 && range.to >= BUCKETS) return users;
  const h = userHistogram(users);
  return h[range.to]! - h[range.from]!;
}

/** A population's histogram as userHistogram computes it, to hand to another thread. */
export interface SharedHistogram {
  users: number;
  cumulative: Uint32Array;
}

/**
 * Takes a histogram another thread computed (a sweep's main thread, for its workers), so that
 * this one hashes none of the users again. It must be one: a bucket count per bucket, adding up
 * to the population.
 */
export function adoptHistogram({ users, cumulative }: SharedHistogram): void {
  if (cumulative.length !== BUCKETS + 1 || cumulative[0] !== 0 || cumulative[BUCKETS] !== users) {
    throw new Error(`not a histogram of ${users} users over ${BUCKETS} buckets (${cumulative.length} entries, ending at ${cumulative[cumulative.length - 1]})`);
  }
  histograms.set(users, cumulative);
}
