import { describe, expect, it } from 'vitest';
import { compareValues } from '../../src/core/versions.js';

describe('compareValues', () => {
  it('compares numeric parts of versions as numbers', () => {
    expect(compareValues('2.9', '2.14')).toBeLessThan(0);
    expect(compareValues('2.15', '2.14')).toBeGreaterThan(0);
    expect(compareValues('2.14', '2.14')).toBe(0);
  });

  it('orders dated model versions by date', () => {
    expect(compareValues('gpt-4o-2024-11-20', 'gpt-4o-2025-04-25')).toBeLessThan(0);
  });

  it('compares numbers numerically', () => {
    expect(compareValues(10, 9)).toBeGreaterThan(0);
  });
});
