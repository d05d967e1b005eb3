import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { drillResult } from '../../src/core/result.js';
import { DrillView, RECENT_TICKS } from '../../src/core/snapshot.js';
import { scenario } from '../helpers.js';

function view(id: string, seed = 1): { drill: Drill; view: DrillView } {
  const drill = new Drill(scenario(id).spec, seed);
  return { drill, view: new DrillView(drill) };
}

describe('the snapshot a live screen reads', () => {
  it('shows what an on-call engineer sees after a code-only rollback: pods crash-looping, the pool full, the alert', () => {
    const { drill, view: v } = view('payment-schema-rollback');
    drill.advance(150_000);
    drill.submit({ verb: 'rollback', args: ['payment-api'], options: { strategy: 'recreate' } }, 'team');
    drill.advance(120_000);
    const s = v.snapshot();
    const api = s.layers.find((l) => l.layer === 'serving')!.components[0]!;
    expect(api.version).toBe('2.14');
    expect(api.health).toBe('down');
    expect(api.pods!.crashloop).toBeGreaterThan(0);
    expect(api.detail).toMatch(/CrashLoopBackOff/);
    expect(s.pools).toEqual([{ id: 'payments', used: 200, slots: 200 }]);
    expect(s.alerts.map((a) => a.id)).toEqual(['payment-errors']);
    expect(s.alerts[0]!.sinceMs).toBe(s.detectMs);
    expect(s.databases[0]).toMatchObject({ id: 'payments-db', schema: '2.15', state: 'up' });
  });

  it('keeps the last seconds of each metric, oldest first, and marks a broken SLO', () => {
    const { drill, view: v } = view('payment-schema-rollback');
    drill.advance(200_000);
    const errors = v.snapshot().metrics.find((m) => m.name === 'errorRate')!;
    expect(errors.recent).toHaveLength(RECENT_TICKS);
    expect(errors.recent.every((x) => !Number.isNaN(x))).toBe(true);
    expect(errors.recent.at(-1)).toBeCloseTo(drill.world.metrics.get('all', 'errorRate').value(1), 12);
    expect(errors.sloMax).toBe(0.01);
    expect(errors.breaking).toBe(errors.recent.at(-1)! > 0.01);
  });

  it('never names the rules behind what it shows', () => {
    const { drill, view: v } = view('silent-provider-update');
    drill.advance(30 * 60_000);
    const text = JSON.stringify(v.snapshot());
    for (const rule of scenario('silent-provider-update').spec.rules) {
      expect(text).not.toContain(rule.id);
      expect(text).not.toContain(rule.explain);
    }
  });

  it('leaves the drill exactly as it would run unread', () => {
    const read = view('batched-change-rollback', 5);
    const unread = new Drill(scenario('batched-change-rollback').spec, 5);
    while (!read.drill.done) {
      read.drill.advance(1000);
      read.view.snapshot();
    }
    unread.runToEnd();
    expect(JSON.stringify(drillResult(read.drill))).toBe(JSON.stringify(drillResult(unread)));
  });
});
