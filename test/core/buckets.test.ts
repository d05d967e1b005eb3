import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adoptHistogram, bucketOf, bucketRanges, BUCKETS, routeOf, userHistogram, usersInRange } from '../../src/core/buckets.js';

describe('user buckets', () => {
  it('come from SHA-256 of the user id', () => {
    const digest = createHash('sha256').update('user-42').digest();
    expect(bucketOf('user-42')).toBe(digest.readUInt32BE(0) % BUCKETS);
    const long = `user-${'9'.repeat(80)}`;
    expect(bucketOf(long)).toBe(createHash('sha256').update(long).digest().readUInt32BE(0) % BUCKETS);
    expect(bucketOf('usér-7')).toBe(createHash('sha256').update('usér-7').digest().readUInt32BE(0) % BUCKETS);
  });

  const users = Array.from({ length: 10_000 }, (_, i) => bucketOf(`user-${i}`));

  it('put each route’s share of 10,000 users within 1% of its weight', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 3 }), (parts) => {
        const weights = [0, ...parts.map((p) => p / 1000)];
        const ranges = bucketRanges(weights);
        const counts = weights.map(() => 0);
        for (const b of users) counts[routeOf(b, ranges)]!++;
        weights.forEach((w, i) => {
          if (i === 0) return;
          expect(Math.abs(counts[i]! / users.length - w)).toBeLessThanOrEqual(0.01);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('never move a user off the canary while its weight only grows', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 6 }), (steps) => {
        const weights = [...steps].sort((a, b) => a - b).map((w) => w / 1000);
        const onCanary = new Uint8Array(users.length);
        for (const w of weights) {
          const ranges = bucketRanges([1 - w, w]);
          for (let u = 0; u < users.length; u++) {
            const now = routeOf(users[u]!, ranges) === 1 ? 1 : 0;
            if (onCanary[u] === 1 && now === 0) throw new Error(`user-${u} left the canary when its weight grew to ${w}`);
            onCanary[u] = now;
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('count each route’s users as hashing every user would, and split the population exactly', () => {
    const population = 3_000;
    const buckets = Array.from({ length: population }, (_, i) => bucketOf(`user-${i}`));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 4 }), (parts) => {
        const ranges = bucketRanges([0, ...parts.map((p) => p / 1000)]);
        const counts = ranges.map((r) => usersInRange(population, r));
        ranges.forEach((r, i) => expect(counts[i]).toBe(buckets.filter((b) => b >= r.from && b < r.to).length));
        expect(counts.reduce((a, b) => a + b, 0)).toBe(population);
      }),
      { numRuns: 50 },
    );
    expect(usersInRange(1_000_000, { from: 0, to: BUCKETS })).toBe(1_000_000);
    expect(usersInRange(1_000_000, { from: 120, to: 120 })).toBe(0);
  });
});

describe('a histogram handed over by another thread', () => {
  it('is used as it is, so the users are not hashed again', () => {
    // Every user of a population of 7 in bucket 0: no hashing would put them there.
    const cumulative = new Uint32Array(BUCKETS + 1).fill(7);
    cumulative[0] = 0;
    adoptHistogram({ users: 7, cumulative });
    expect(userHistogram(7)).toBe(cumulative);
    expect(usersInRange(7, { from: 0, to: 1 })).toBe(7);
    expect(usersInRange(7, { from: 1, to: 5_000 })).toBe(0);
  });

  it('is refused unless it counts every user of its population over every bucket', () => {
    expect(() => adoptHistogram({ users: 9, cumulative: new Uint32Array(10) })).toThrow(/not a histogram of 9 users over 10000 buckets \(10 entries/);
    const short = new Uint32Array(BUCKETS + 1).fill(8);
    short[0] = 0;
    expect(() => adoptHistogram({ users: 9, cumulative: short })).toThrow(/not a histogram of 9 users/);
  });
});
