import { describe, expect, it } from 'vitest';
import { chartLines } from '../../src/report/html/drill-charts.js';
import { LabelSpace } from '../../src/report/html/labels.js';
import { rollingMean, smoothingMs } from '../../src/report/html/smooth.js';

describe('chart lines', () => {
  const flat = (v: number, n = 100): number[] => Array.from({ length: n }, () => v);

  it('draws one line per route where a route strays from the average, the busiest route first', () => {
    const canary = [...flat(0.82, 50), ...flat(0.55, 50)];
    const scopes = { all: { accuracy: flat(0.815), requests: flat(1000) }, stable: { accuracy: flat(0.82), requests: flat(990) }, canary: { accuracy: canary, requests: flat(10) } };
    expect(chartLines(scopes, 'accuracy', 100, 5).map((l) => [l.key, l.route])).toEqual([
      ['accuracy@stable', 'stable'],
      ['accuracy@canary', 'canary'],
    ]);
  });

  it('keeps one line where the routes agree', () => {
    const scopes = { all: { errorRate: flat(0.01) }, stable: { errorRate: flat(0.0101) }, canary: { errorRate: flat(0.0099) } };
    expect(chartLines(scopes, 'errorRate', 100, 5).map((l) => l.key)).toEqual(['errorRate']);
  });

  it('smooths over a centred window, across gaps', () => {
    expect(rollingMean([0, 0, 3, 0, 0], 3)).toEqual([0, 1, 1, 1, 0]);
    expect(rollingMean([1, null, 3, null, null, null], 3)).toEqual([1, 2, 3, 3, null, null]);
    expect(smoothingMs(5 * 60_000)).toBe(5_000);
    expect(smoothingMs(2 * 3_600_000)).toBe(120_000);
  });
});

describe('label places', () => {
  it('gives a label the first place that touches no other, and none when every place is taken', () => {
    const space = new LabelSpace({ x1: 0, x2: 200, y1: 0, y2: 100 });
    expect(space.place('fault', [{ x: 10, y: 20, anchor: 'start' }])).toEqual({ x: 10, y: 20, anchor: 'start' });
    expect(space.place('detected', [{ x: 12, y: 20, anchor: 'start' }, { x: 12, y: 40, anchor: 'start' }])).toEqual({ x: 12, y: 40, anchor: 'start' });
    expect(space.place('impact', [{ x: 14, y: 22, anchor: 'start' }, { x: 195, y: 60, anchor: 'start' }])).toBeNull();
  });
});
