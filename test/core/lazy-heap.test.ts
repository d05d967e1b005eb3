import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LazyHeap } from '../../src/core/lazy-heap.js';

interface Item {
  key: number;
  stamp: number;
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
        const heap = new LazyHeap<Item>((item, stamp) => item.stamp === stamp);
        const model: Item[] = [];
        for (const o of ops) {
          if (o.kind === 'push') {
            const item = { key: o.key, stamp: 0 };
            heap.push(item, item.key, item.stamp);
            model.push(item);
          } else if (o.kind === 'invalidate') {
            if (model.length === 0) continue;
            const [item] = model.splice(o.index % model.length, 1);
            item!.stamp++;
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

  it('drops stale entries as it grows: pushing and invalidating forever holds a bounded number', () => {
    const heap = new LazyHeap<Item>((item, stamp) => item.stamp === stamp);
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      const item = { key: i % 97, stamp: 0 };
      heap.push(item, item.key, 0);
      item.stamp++;
      largest = Math.max(largest, heap.size);
    }
    expect(largest).toBeLessThanOrEqual(64);
    expect(heap.peek()).toBeUndefined();
  });
});
