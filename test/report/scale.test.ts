import { describe, expect, it } from 'vitest';
import { formatValue, niceAxis, seriesPath, timeTicks } from '../../src/report/html/scale.js';

describe('chart scales', () => {
  it('picks round ticks covering the data', () => {
    expect(niceAxis(0, 0.0116)).toEqual({ lo: 0, hi: 0.015, ticks: [0, 0.005, 0.01, 0.015] });
    expect(niceAxis(0.96, 1).ticks).toEqual([0.96, 0.97, 0.98, 0.99, 1]);
    expect(niceAxis(0, 0).hi).toBeGreaterThan(0);
  });

  it('ticks time on round minutes', () => {
    expect(timeTicks(17 * 60_000)).toEqual([0, 5, 10, 15].map((m) => m * 60_000));
    expect(timeTicks(6 * 60_000)).toEqual([0, 1, 2, 3, 4, 5, 6].map((m) => m * 60_000));
  });

  it('formats percentages, milliseconds and plain numbers', () => {
    expect(formatValue(0.01, 'percent')).toBe('1%');
    expect(formatValue(0.995, 'percent')).toBe('99.5%');
    expect(formatValue(800, 'ms')).toBe('800 ms');
    expect(formatValue(1500, 'ms')).toBe('1.5 s');
    expect(formatValue(-0.31, 'number')).toBe('-0.31');
  });

  it('keeps a one-point spike when thousands of points share a few pixels', () => {
    const values = Array.from({ length: 7200 }, (_, i) => (i === 3000 ? 1 : 0));
    const d = seriesPath(values, (i) => i / 72, (v) => 100 - v * 100);
    expect(d).toContain(' 0');
    expect(d.split(/[ML]/).length - 1).toBeLessThanOrEqual(2 * 101);
  });

  it('lifts the pen over gaps in the data', () => {
    const d = seriesPath([1, 1, null, 1, 1], (i) => i * 10, (v) => v);
    expect(d).toBe('M0 1L10 1M30 1L40 1');
  });
});
