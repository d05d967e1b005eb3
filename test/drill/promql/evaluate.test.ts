import { describe, expect, it } from 'vitest';
import { bucketQuantile, evaluate, extrapolatedRate, type SeriesSource } from '../../../src/drill/promql/evaluate.js';
import { parsePromql, type Matcher } from '../../../src/formats/rollout/promql.js';

interface Fake {
  labels: Record<string, string>;
  /** Counter value at second t. */
  at: (t: number) => number;
}

/** Hand-made counters sampled every second, read as a Prometheus scraping every second would. */
function source(nowS: number, series: Fake[]): SeriesSource<Fake> {
  return {
    nowS,
    select: (name: string, matchers: readonly Matcher[]) =>
      series.filter((s) => s.labels.__name__ === name && matchers.every((m) => {
        const v = s.labels[m.label] ?? '';
        const re = new RegExp(`^(?:${m.value})$`);
        return m.op === '=' ? v === m.value : m.op === '!=' ? v !== m.value : m.op === '=~' ? re.test(v) : !re.test(v);
      })),
    valueAt: (s, t) => s.at(t),
    samples: (s, from, to) => Array.from({ length: to - Math.floor(from) }, (_, i) => ({ t: Math.floor(from) + 1 + i, v: s.at(Math.floor(from) + 1 + i) })),
  };
}

const q = (text: string, src: SeriesSource<Fake>) => evaluate(parsePromql(text), src);
const values = (r: ReturnType<typeof q>) => (r.type === 'vector' ? r.samples.map((s) => s.value) : [r.value]);

describe('evaluating PromQL on the drill series', () => {
  // 10 requests a second on stable, 2 a second on canary, a tenth of the canary's failing.
  const requests = [
    { labels: { __name__: 'requests_total', route: 'stable', code: '200' }, at: (t: number) => 10 * t },
    { labels: { __name__: 'requests_total', route: 'canary', code: '200' }, at: (t: number) => 1.8 * t },
    { labels: { __name__: 'requests_total', route: 'canary', code: '500' }, at: (t: number) => 0.2 * t },
  ];

  it('rate over a window is the per-second increase of a steady counter', () => {
    const r = q('rate(requests_total{route="stable"}[5m])', source(600, requests));
    expect(values(r)).toEqual([expect.closeTo(10, 9)]);
  });

  it('rate sees only the part of the window after a change: 60 s of a doubled rate in a 5 minute window', () => {
    // 10/s until second 540, then 20/s. The samples in (300, 600] run from second 301 (3010)
    // to 600 (6600): 3590 in 299 s, extrapolated to the 300 s window: 3590 * 300 / 299.
    const stepped = [{ labels: { __name__: 'c' }, at: (t: number) => (t <= 540 ? 10 * t : 5400 + 20 * (t - 540)) }];
    expect(values(q('increase(c[5m])', source(600, stepped)))[0]).toBeCloseTo((3590 * 300) / 299, 9);
    expect(values(q('rate(c[5m])', source(600, stepped)))[0]).toBeCloseTo((3590 * 300) / 299 / 300, 9);
    expect(values(q('irate(c[5m])', source(600, stepped)))[0]).toBeCloseTo(20, 9);
  });

  it('extrapolates a window its samples do not cover, as Prometheus does', () => {
    // Samples only in the last 60 s of a 300 s window: extrapolated by half an interval at the start.
    const points = Array.from({ length: 61 }, (_, i) => ({ t: 540 + i, v: 1000 + 10 * i }));
    expect(extrapolatedRate(points, 300, 600, true)).toBeCloseTo((600 * 60.5) / 60 / 300, 9);
  });

  it('sum by keeps the grouping labels and adds the rest up', () => {
    const r = q('sum by (route) (rate(requests_total[1m]))', source(600, requests));
    if (r.type !== 'vector') throw new Error('expected a vector');
    const byRoute = Object.fromEntries(r.samples.map((s) => [s.labels.route, s.value]));
    expect(byRoute.stable).toBeCloseTo(10, 9);
    expect(byRoute.canary).toBeCloseTo(2, 9);
    expect(r.samples.every((s) => Object.keys(s.labels).join() === 'route')).toBe(true);
  });

  it("divides one sum by another: the canary's error share", () => {
    const r = q('sum(rate(requests_total{route="canary",code=~"5.."}[1m])) / sum(rate(requests_total{route="canary"}[1m]))', source(600, requests));
    expect(values(r)[0]).toBeCloseTo(0.1, 9);
  });

  it('a comparison with a scalar filters a vector; with bool it answers 0 or 1', () => {
    const src = source(600, requests);
    expect(values(q('sum by (route) (rate(requests_total[1m])) > 5', src))).toEqual([expect.closeTo(10, 9)]);
    expect(values(q('sum by (route) (rate(requests_total[1m])) > bool 5', src)).sort()).toEqual([0, 1]);
  });

  it('histogram_quantile interpolates inside the bucket where the rank falls', () => {
    // 100 requests: 50 under 0.1 s, 90 under 0.25 s, all under 0.5 s. The 0.95 quantile falls
    // between 0.25 and 0.5: 0.25 + 0.25 * (95 - 90) / (100 - 90) = 0.375.
    const buckets = [
      ['0.1', 50],
      ['0.25', 90],
      ['0.5', 100],
      ['+Inf', 100],
    ].map(([le, n]) => ({ labels: { __name__: 'd_bucket', le: le as string }, at: (t: number) => (n as number) * t }));
    const r = q('histogram_quantile(0.95, sum by (le) (rate(d_bucket[1m])))', source(600, buckets));
    expect(values(r)[0]).toBeCloseTo(0.375, 9);
    expect(bucketQuantile(0.5, [{ upper: 0.1, count: 50 }, { upper: Infinity, count: 100 }])).toBeCloseTo(0.1, 9);
  });

  it('scalar, vector and absent', () => {
    const src = source(600, requests);
    expect(q('scalar(sum(rate(requests_total{route="stable"}[1m])))', src)).toEqual({ type: 'scalar', value: expect.closeTo(10, 9) });
    expect(values(q('sum(rate(requests_total{route="blue"}[1m])) or vector(0)', src))).toEqual([0]);
    expect(q('absent(requests_total{route="blue"})', src)).toEqual({ type: 'vector', samples: [{ labels: { route: 'blue' }, value: 1 }] });
    expect(values(q('absent(requests_total{route="stable"})', src))).toEqual([]);
  });
});
