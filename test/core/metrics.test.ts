import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricStore, Series } from '../../src/core/metrics.js';

/** A series as it once was: every second's cumulative sums kept for the whole drill. */
class WholeHistory {
  private readonly num: number[] = [];
  private readonly den: number[] = [];

  constructor(
    private readonly windowLimitTicks: number,
    private readonly history: { num: number; den: number; ticks: number },
  ) {}

  push(num: number, den: number): void {
    const t = this.num.length;
    this.num.push((t === 0 ? 0 : this.num[t - 1]!) + num);
    this.den.push((t === 0 ? 0 : this.den[t - 1]!) + den);
  }

  sum(windowTicks: number): [number, number] {
    const ticks = this.num.length;
    const w = Math.min(windowTicks, this.windowLimitTicks);
    const before = Math.min(Math.max(0, w - ticks), this.history.ticks);
    let num = before * this.history.num;
    let den = before * this.history.den;
    if (ticks === 0) return [num, den];
    if (w >= ticks) return [num + this.num[ticks - 1]!, den + this.den[ticks - 1]!];
    num += this.num[ticks - 1]! - this.num[ticks - 1 - w]!;
    den += this.den[ticks - 1]! - this.den[ticks - 1 - w]!;
    return [num, den];
  }
}

const second = fc.record({ num: fc.double({ min: 0, max: 1e4, noNaN: true }), den: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 5000 })) });

function sums(s: Series, windowTicks: number): [number, number] {
  s.sum(windowTicks);
  return [s.lastNum, s.lastDen];
}

describe('Series', () => {
  it('sums every window read from the start exactly as a series keeping its whole history would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 3 }),
        fc.array(second, { maxLength: 700 }),
        (limit, floor, windows, seconds) => {
          const history = { num: 3.5, den: 10, ticks: limit };
          const s = new Series('m', limit, floor, 1, seconds.length);
          s.prime(history.num, history.den, history.ticks);
          const whole = new WholeHistory(limit, history);
          for (const w of windows) expect(sums(s, w)).toEqual(whole.sum(w));
          for (const x of seconds) {
            s.push(x.num, x.den);
            whole.push(x.num, x.den);
            for (const w of windows) expect(sums(s, w)).toEqual(whole.sum(w));
          }
          // It held what the longest window needs, and no more than that or its floor (and the second before).
          const longest = Math.min(limit, Math.max(floor, ...windows));
          expect(s.held).toBeGreaterThanOrEqual(Math.min(seconds.length, longest));
          expect(s.held).toBeLessThanOrEqual(longest + 1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('serves a longer window first read after its history was dropped from what it holds, then whole once the drill has run that long', () => {
    const s = new Series('m', 1000, 10, 1, 1000);
    const whole = new WholeHistory(1000, { num: 0, den: 0, ticks: 0 });
    const push = (n: number): void => {
      for (let i = 0; i < n; i++) {
        s.push(i % 7, 1);
        whole.push(i % 7, 1);
      }
    };
    push(100);
    expect(s.held).toBe(10);
    const [lastTenNum] = whole.sum(10);
    expect(sums(s, 50)).toEqual([lastTenNum, 10]);
    push(39);
    expect(sums(s, 50)).not.toEqual(whole.sum(50));
    push(1);
    expect(sums(s, 50)).toEqual(whole.sum(50));
    push(500);
    expect(sums(s, 50)).toEqual(whole.sum(50));
    expect(s.held).toBe(50);
  });

  it('reads the last seconds in place, oldest first, NaN where nothing was measured', () => {
    const s = new Series('m', 100, 20, 1, 100);
    const pushed: [number, number][] = Array.from({ length: 45 }, (_, i) => [i * 3, i % 5 === 0 ? 0 : 2]);
    for (const [num, den] of pushed) s.push(num, den);
    const out = new Float64Array(8);
    expect(s.recent(out)).toBe(8);
    const expected = pushed.slice(-8).map(([num, den]) => (den > 0 ? num / den : NaN));
    out.forEach((v, i) => (Number.isNaN(expected[i]!) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(expected[i]!, 9)));
    expect(s.recent(new Array<number>(64).fill(0))).toBe(20);
    const young = new Series('m', 100, 20, 1, 100);
    young.push(6, 3);
    const few = [0, 0, 0];
    expect(young.recent(few)).toBe(1);
    expect(few[0]).toBe(2);
  });

  it('reads each recent second over a window as the window read at that second would have, primed history and all', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(second, { minLength: 1, maxLength: 300 }),
        (floor, window, asked, seconds) => {
          const history = { num: 2.5, den: 10, ticks: 600 };
          const s = new Series('m', 600, floor, 1, seconds.length);
          s.prime(history.num, history.den, history.ticks);
          const whole = new WholeHistory(600, history);
          const then: number[] = [];
          for (const x of seconds) {
            s.push(x.num, x.den);
            whole.push(x.num, x.den);
            const [num, den] = whole.sum(window);
            then.push(den > 0 ? num / den : NaN);
          }
          const held = s.held;
          const out = new Array<number>(asked).fill(-1);
          const n = s.recentOver(out, window);
          expect(n).toBe(Math.min(asked, held));
          // Reading does not make the series keep more than it did.
          expect(s.held).toBe(held);
          for (let i = 0; i < n; i++) {
            const t = seconds.length - n + i;
            // A window reaching past what is held covers what is held, as a first read of it would.
            if (held < seconds.length && t - window < seconds.length - held - 1) continue;
            const expected = then[t]!;
            if (Number.isNaN(expected)) expect(out[i]).toBeNaN();
            else expect(out[i]).toBeCloseTo(expected, 6);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('charts one point per bucket, the ratio of the bucket’s sums, never more points than planned', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.array(second, { maxLength: 400 }), (bucketTicks, seconds) => {
        const points = Math.ceil(Math.max(1, seconds.length) / bucketTicks);
        const s = new Series('m', 50, 10, bucketTicks, points);
        const num: number[] = [];
        const den: number[] = [];
        seconds.forEach((x, i) => {
          s.push(x.num, x.den);
          const b = Math.floor(i / bucketTicks);
          num[b] = (num[b] ?? 0) + x.num;
          den[b] = (den[b] ?? 0) + x.den;
        });
        const chart = s.chart();
        expect(chart.length).toBe(Math.ceil(seconds.length / bucketTicks));
        expect(chart.length).toBeLessThanOrEqual(points);
        chart.forEach((v, b) => expect(v).toBe(den[b]! > 0 ? num[b]! / den[b]! : null));
      }),
      { numRuns: 100 },
    );
  });
});

describe('MetricStore', () => {
  it('finds a series for a reader without creating one, a lone route’s name reading the whole system’s', () => {
    const store = new MetricStore({ windowLimitTicks: 600, bucketTicks: 1, chartPoints: 600, floorTicks: (scope) => (scope === 'all' ? 300 : 60) });
    store.alias('stable', 'all');
    expect(store.find('all', 'errorRate')).toBeUndefined();
    const all = store.get('all', 'errorRate');
    all.push(1, 100);
    expect(store.find('stable', 'errorRate')).toBe(all);
    expect(store.find('all', 'quality')).toBeUndefined();
    expect(store.scopeNames()).toEqual(['all']);
    for (let t = 0; t < 1000; t++) store.get('canary', 'errorRate').push(0, 1);
    expect(store.scopeNames()).toEqual(['all', 'canary']);
    expect(store.find('canary', 'errorRate')!.held).toBe(60);
  });
});

describe('a series planned with no chart points', () => {
  it('reads its windows as one with a chart copy does, and has no chart to give', () => {
    const bare = new Series('m', 100, 20, 1, 0);
    const charted = new Series('m', 100, 20, 1, 100);
    for (let t = 0; t < 50; t++) {
      bare.push(t % 5, 2);
      charted.push(t % 5, 2);
    }
    expect(bare.value(30)).toBe(charted.value(30));
    expect(bare.held).toBe(charted.held);
    expect(() => bare.chart()).toThrow(/series m keeps no chart copy/);
  });
});
