import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrackedPod } from '../../src/core/pod-book.js';
import { SlotPool } from '../../src/core/slot-pool.js';

const pod = (id: number): TrackedPod => ({
  id,
  deployment: 'api',
  track: 'main',
  version: 'v1',
  phase: 'pending',
  restarts: 0,
  generation: 0,
  holdsSlot: false,
  listed: 0,
  removed: false,
  queued: false,
  place: undefined,
});

describe('SlotPool', () => {
  it('serves waiting pods first come first served, whichever leave the queue from its middle', () => {
    const op = fc.oneof(fc.constant({ kind: 'enqueue' as const }), fc.record({ kind: fc.constant('leave' as const), index: fc.nat() }), fc.constant({ kind: 'next' as const }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 500 }), (ops) => {
        const pool = new SlotPool('p', 4);
        const model: TrackedPod[] = [];
        let id = 0;
        for (const o of ops) {
          if (o.kind === 'enqueue') {
            const p = pod(++id);
            pool.enqueue(p);
            model.push(p);
          } else if (o.kind === 'leave') {
            if (model.length === 0) continue;
            const [p] = model.splice(o.index % model.length, 1);
            pool.leave(p!);
          } else {
            expect(pool.next()).toBe(model.shift());
          }
          expect(pool.waitingCount).toBe(model.length);
          expect(pool.waiting.map((p) => p.id)).toEqual(model.map((p) => p.id));
        }
      }),
      { numRuns: 200 },
    );
  });
});
