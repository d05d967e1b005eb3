import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/core/queue.js';

describe('EventQueue', () => {
  it('pops events by time, and events at the same time in the order they were pushed', () => {
    const q = new EventQueue<string>(2);
    q.push(20, 'c');
    q.push(10, 'a');
    q.push(20, 'd');
    q.push(10, 'b');
    q.push(5, 'first');
    const out: string[] = [];
    while (q.size > 0) out.push(q.pop()!);
    expect(out).toEqual(['first', 'a', 'b', 'c', 'd']);
  });

  it('orders any sequence of pushes exactly like a stable sort by time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue<number>(1);
        times.forEach((t, i) => q.push(t, i));
        const popped: number[] = [];
        while (q.size > 0) popped.push(q.pop()!);
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i);
        expect(popped).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps popping in order when pushes and pops interleave', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 1000 })), { maxLength: 300 }), (ops) => {
        const q = new EventQueue<number>(1);
        let now = 0;
        for (const [isPush, dt] of ops) {
          if (isPush || q.size === 0) q.push(now + dt, dt);
          else {
            const t = q.peekTime();
            q.pop();
            expect(t).toBeGreaterThanOrEqual(now);
            now = t;
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('pops what a list sorted by time and push order would, whatever pushes and pops interleave (the front slot included)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 30 })), { maxLength: 400 }), (ops) => {
        const q = new EventQueue<number>(1);
        const model: { t: number; i: number }[] = [];
        let now = 0;
        ops.forEach(([isPush, dt], i) => {
          if (isPush || model.length === 0) {
            q.push(now + dt, i);
            model.push({ t: now + dt, i });
            model.sort((a, b) => a.t - b.t || a.i - b.i);
          } else {
            const next = model.shift()!;
            expect(q.peekTime()).toBe(next.t);
            expect(q.pop()).toBe(next.i);
            now = next.t;
          }
          expect(q.size).toBe(model.length);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to grow past its limit instead of eating memory', () => {
    const q = new EventQueue<number>(2, 4);
    for (let i = 0; i < 4; i++) q.push(i, i);
    expect(() => q.push(9, 9)).toThrow(/runaway/);
  });
});
