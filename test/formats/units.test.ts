import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/formats/units.js';

describe('parseDuration', () => {
  it('reads single and compound units', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('4.5d')).toBe(388_800_000);
    expect(parseDuration('2m 30s')).toBe(150_000);
    expect(parseDuration(1500)).toBe(1500);
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', '5', '5 minutes', 'h', '1x', '-2s', '2s-1s', `${'9'.repeat(400)}s`]) expect(parseDuration(bad), bad).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
  });
});
