import { describe, expect, it } from 'vitest';
import { parseCount, parseDurationMs, parseShare } from '../../../src/core/actions/values.js';

describe('values a command takes', () => {
  it('reads a duration as seconds unless a unit says otherwise', () => {
    expect([parseDurationMs('30'), parseDurationMs('30s'), parseDurationMs('2m'), parseDurationMs('1.5h')]).toEqual([30_000, 30_000, 120_000, 5_400_000]);
    expect([parseDurationMs('soon'), parseDurationMs('-5'), parseDurationMs('5d')]).toEqual([undefined, undefined, undefined]);
  });

  it('takes a percentage of the replicas down for unavailability and up for surge, as Kubernetes does', () => {
    expect(parseCount('25%', 10, false)).toBe(2);
    expect(parseCount('25%', 10, true)).toBe(3);
    expect(parseCount('4', 10, false)).toBe(4);
    expect(parseCount('most', 10, false)).toBeUndefined();
  });

  it('keeps a share of users between 0 and 100%', () => {
    expect([parseShare('5'), parseShare('5%'), parseShare('100%')]).toEqual([5, 5, 100]);
    expect([parseShare('101'), parseShare('-1')]).toEqual([undefined, undefined]);
  });
});
