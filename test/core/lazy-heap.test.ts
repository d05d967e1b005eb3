import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LazyHeap } from '../../src/core/lazy-heap.js';

interface Item {
  key: number;
  live: boolean;
  /** Whether the heap holds an entry for it, as `dropped` tells. */
  listed: boolean;
}

describe('LazyHeap', () => {
  it('pops what a sorted list of the entries that still hold would give, whatever is pushed and invalidated', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), key: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ kind: fc.constant('invalidate' as const), index: fc.nat() }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const heap = new LazyHeap<Item>((item) => item.live);
        const model: Item[] = [];
        for (const o of ops) {
          if (o.kind === 'push') {
            const item = { key: o.key, live: true, listed: true };
            heap.push(item, item.key);
            model.push(item);
          } else if (o.kind === 'invalidate') {
            if (model.length === 0) continue;
            const [item] = model.splice(o.index % model.length, 1);
            item!.live = false;
          } else {
            const smallest = Math.min(...model.map((m) => m.key));
            const top = heap.pop();
            if (model.length === 0) expect(top).toBeUndefined();
            else {
              expect(top?.key).toBe(smallest);
              model.splice(model.indexOf(top!), 1);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('tells when each entry leaves, so an item that holds again is held by the entry it kept, or pushed again once dropped', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('toggle' as const), index: fc.nat() }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('peek' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.array(op, { maxLength: 600 }), (n, ops) => {
        // Unique keys, as the pod book uses it: pod ids.
        const items: Item[] = Array.from({ length: n }, (_, i) => ({ key: (i * 37) % n, live: false, listed: false }));
        const heap = new LazyHeap<Item>(
          (item) => item.live,
          (item) => {
            expect(item.listed).toBe(true);
            item.listed = false;
          },
        );
        const holdAgain = (item: Item): void => {
          item.live = true;
          if (item.listed) return;
          item.listed = true;
          heap.push(item, item.key);
        };
        for (const o of ops) {
          if (o.kind === 'toggle') {
            const item = items[o.index % n]!;
            if (item.live) item.live = false;
            else holdAgain(item);
          } else {
            const live = items.filter((i) => i.live);
            const smallest = live.length === 0 ? undefined : Math.min(...live.map((i) => i.key));
            const top = o.kind === 'pop' ? heap.pop() : heap.peek();
            expect(top?.key).toBe(smallest);
            if (o.kind === 'pop' && top) top.live = false;
          }
          expect(heap.size).toBeLessThanOrEqual(n);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('drops stale entries as it grows: pushing and invalidating forever holds a bounded number', () => {
    const heap = new LazyHeap<Item>((item) => item.live);
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      const item = { key: i % 97, live: true, listed: true };
      heap.push(item, item.key);
      item.live = false;
      largest = Math.max(largest, heap.size);
    }
    expect(largest).toBeLessThanOrEqual(64);
    expect(heap.peek()).toBeUndefined();
  });
});
