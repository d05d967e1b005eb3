import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import type { ScenarioSpec } from '../../src/core/spec.js';
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

  it('refuses a command holding control characters, showing it inert', () => {
    const d = drill();
    d.advance(2_000);
    const r = d.submit({ verb: 'note', args: ['\u001b[2Jall', 'clear'], options: {} }, 'alice');
    expect(r).toMatchObject({ id: 0, status: 'rejected', reason: 'a command cannot hold control characters (escape sequences, line breaks): retype it' });
    expect(r.text).toBe('note \\x1b[2Jall clear');
    expect(d.world.log.some((e) => e.text.includes('\u001b'))).toBe(false);
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

/** A scenario that never recovers by itself (pods crash-loop until someone acts), with another horizon. */
function unrecovered(change: Partial<ScenarioSpec>): ScenarioSpec {
  return { ...scenario('payment-schema-rollback').spec, ...change };
}

/** Advances a few times by the whole horizon: a drill that is not over by then never will be. */
function endsWithin(drill: Drill, advances = 3): void {
  for (let i = 0; i < advances && !drill.done; i++) drill.advance(drill.spec.horizonMs);
}

describe('a drill always ends', () => {
  it('at a horizon that is not a whole number of seconds', () => {
    for (const horizonMs of [7_200_999, 4_798_800, 61_500]) {
      const drill = new Drill(unrecovered({ horizonMs }), 1);
      endsWithin(drill);
      expect(drill.done, `horizon ${horizonMs} ms`).toBe(true);
      expect(drill.endReason).toBe('horizon');
      expect(drill.now).toBe(horizonMs);
    }
  });

  it('at a horizon shorter than the first second', () => {
    const drill = new Drill(unrecovered({ horizonMs: 500 }), 1);
    endsWithin(drill);
    expect(drill.done).toBe(true);
    expect(drill.now).toBe(500);
  });

  it('at its horizon when a fault is due after it', () => {
    const base = scenario('transient-spike').spec;
    const late = base.faults.map((f) => ({ ...f, atMs: base.horizonMs + 60_000 }));
    const drill = new Drill({ ...base, faults: late }, 1);
    endsWithin(drill);
    expect(drill.done).toBe(true);
    expect(drill.endReason).toBe('horizon');
    expect(drill.now).toBe(base.horizonMs);
  });

  it('at the same tick as before when the horizon is whole seconds', () => {
    const drill = new Drill(unrecovered({ horizonMs: 3_600_000 }), 1);
    drill.runToEnd();
    expect(drill.endReason).toBe('horizon');
    expect(drill.now).toBe(3_600_000);
  });
});
