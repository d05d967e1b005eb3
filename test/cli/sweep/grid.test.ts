import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellAt, cellCount, drillsPerCase, sliceLength, sliceOf } from '../../../src/cli/sweep/grid.js';

describe('the drills of each case in a slice of the grid', () => {
  it('are those the slice runs, counted case by case, for any shard', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 9 }), fc.nat(), (cases, seeds, count, k) => {
        const g = { cases, firstSeed: 1, seeds };
        const s = sliceOf(g, { index: (k % count) + 1, count });
        const counted = new Array<number>(cases).fill(0);
        for (let i = s.start; i < s.end; i += s.step) counted[cellAt(g, i).caseIndex]!++;
        expect(drillsPerCase(g, s)).toEqual(counted);
        expect(drillsPerCase(g, s).reduce((a, b) => a + b, 0)).toBe(sliceLength(s));
      }),
      { numRuns: 200 },
    );
  });

  it('are every seed of each case in an unsharded run', () => {
    const g = { cases: 3, firstSeed: 5, seeds: 7 };
    expect(drillsPerCase(g, sliceOf(g, null))).toEqual([7, 7, 7]);
    expect(cellCount(g)).toBe(21);
  });
});
