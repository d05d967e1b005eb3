import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { scenario } from '../helpers.js';

const drill = (): Drill => new Drill(scenario('latency-spike').spec, 1);

describe('a drill', () => {
  it('stops an advance to a whole second right after its tick, before anything else due in that millisecond', () => {
    const d = drill();
    const order: string[] = [];
    d.onTick(() => {
      // Scheduled after the 6 s tick was: due in the same millisecond, it runs after it.
      if (d.now === 5_000) d.world.kernel.at(6_000, () => order.push('event at 6s'));
      if (d.now === 6_000) order.push('tick at 6s');
    });
    d.advance(6_000);
    expect(order).toEqual(['tick at 6s']);
    order.push('driver acts');
    d.advance(0);
    expect(d.now).toBe(6_000);
    d.advance(1);
    expect(order).toEqual(['tick at 6s', 'driver acts', 'event at 6s']);
  });

  it('refuses a mistyped command without a record, and keeps the record of one the world refuses', () => {
    const d = drill();
    d.advance(2_000);
    expect(d.submit({ verb: 'rolback', args: ['fraud-scorer'], options: {} }, 'alice')).toMatchObject({ id: 0, status: 'rejected', reason: "unknown command 'rolback'; did you mean 'rollback'?" });
    expect(d.submit({ verb: 'switch', args: ['stable', 'blue'], options: { now: 'true' } }, 'alice')).toMatchObject({ id: 0, status: 'rejected', reason: expect.stringMatching(/^switch has no option --now/) });
    expect(d.submit({ verb: 'scale', args: ['fraud-scorer', 'many'], options: {} }, 'alice')).toMatchObject({ id: 0, status: 'rejected' });
    expect(d.actions.records).toEqual([]);
    const refused = d.submit({ verb: 'scale', args: ['fraud-scorr', '3'], options: {} }, 'alice');
    expect(refused).toMatchObject({ id: 1, status: 'rejected', reason: expect.stringMatching(/fraud-scorr.*did you mean 'fraud-scorer'/) });
    expect(d.actions.records).toEqual([refused]);
  });

  it('stops when the facilitator ends it: the clock stays, nothing more is accepted, and it says why', () => {
    const d = drill();
    d.advance(30_500);
    d.stop('facilitator');
    d.advance(10_000);
    expect(d.now).toBe(30_500);
    expect(d.endReason).toBe('ended');
    expect(d.stoppedBy).toEqual({ by: 'facilitator', atMs: 30_500 });
    expect(d.submit({ verb: 'declare', args: [], options: {} }, 'alice').reason).toBe('the drill has ended (facilitator ended it at 0:30): nothing more can be done in it');
    expect(d.inject({ type: 'traffic', factor: 2, forMs: 60_000 } as never)).toMatch(/^the drill has ended/);
  });
});
