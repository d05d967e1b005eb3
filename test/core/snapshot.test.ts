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

  it('keeps the last seconds of each metric over its SLO window, the last one what scoring reads, and marks a broken SLO', () => {
    const { drill, view: v } = view('payment-schema-rollback');
    drill.advance(200_000);
    const errors = v.snapshot().metrics.find((m) => m.name === 'errorRate')!;
    expect(errors.recent).toHaveLength(RECENT_TICKS);
    expect(errors.recent.every((x) => !Number.isNaN(x))).toBe(true);
    expect(errors.windowMs).toBe(30_000);
    expect(errors.unit).toBe('share of requests');
    expect(errors.recent.at(-1)).toBeCloseTo(drill.world.metrics.get('all', 'errorRate').value(30), 12);
    expect(errors.sloMax).toBe(0.01);
    expect(errors.breaking).toBe(true);
    expect(drill.tracker.sloState.find((r) => r.slo.metric === 'errorRate')!.holds).toBe(false);
  });

  it('reads each earlier second over the window as it stood then', () => {
    const { drill, view: v } = view('recommender-canary');
    const then: number[] = [];
    for (let t = 0; t < 200; t++) {
      drill.advance(1000);
      then.push(drill.world.metrics.get('all', 'accuracy').value(60));
    }
    const accuracy = v.snapshot().metrics.find((m) => m.name === 'accuracy')!;
    accuracy.recent.forEach((x, i) => expect(x).toBeCloseTo(then[then.length - RECENT_TICKS + i]!, 12));
  });

  it('shows a healthy system within its SLO though single seconds of it are not', () => {
    const { drill, view: v } = view('recommender-canary');
    const seconds: number[] = [];
    for (let t = 0; t < 58; t++) {
      drill.advance(1000);
      const one = [NaN];
      drill.world.metrics.get('all', 'accuracy').recent(one);
      seconds.push(one[0]!);
    }
    // One second of 500 requests is too few to judge an 80% SLO against an 82% baseline.
    expect(seconds.some((x) => x < 0.8)).toBe(true);
    const s = v.snapshot();
    for (const m of s.metrics) {
      expect(m.breaking, m.name).toBe(false);
      expect(m.recent.filter((x) => !Number.isNaN(x)).every((x) => (m.sloMin === undefined || x >= m.sloMin) && (m.sloMax === undefined || x <= m.sloMax)), m.name).toBe(true);
    }
  });

  it('reads each route beside the whole system while a canary carries users, and names what each serves', () => {
    const { drill, view: v } = view('recommender-canary');
    drill.advance(30_000);
    const before = v.snapshot();
    expect(before.metrics.every((m) => m.routes === undefined)).toBe(true);
    expect(before.routes.map((r) => [r.name, r.weightPct, r.versions])).toEqual([
      ['stable', 100, []],
      ['canary', 0, []],
    ]);
    drill.advance(210_000);
    const s = v.snapshot();
    expect(s.routes.map((r) => [r.name, r.weightPct, r.versions])).toEqual([
      ['stable', 90, [{ component: 'recs-model', version: 'recs-2025-10' }]],
      ['canary', 10, [{ component: 'recs-model', version: 'recs-2025-12' }]],
    ]);
    const accuracy = s.metrics.find((m) => m.name === 'accuracy')!;
    const [stable, canary] = accuracy.routes!;
    expect(stable).toMatchObject({ route: 'stable', breaking: false });
    expect(canary).toMatchObject({ route: 'canary', breaking: true });
    expect(canary!.value).toBeCloseTo(drill.world.metrics.get('canary', 'accuracy').value(60), 12);
    expect(canary!.value).toBeLessThan(stable!.value - 0.03);
    // The whole system, nine users in ten on the good model, still meets the SLO.
    expect(accuracy.breaking).toBe(false);
  });

  it('gives no load line where nothing bounds capacity (a model behind an API), and one where pods do', () => {
    const recs = view('recommender-canary');
    recs.drill.advance(60_000);
    expect(recs.view.snapshot().load).toBeUndefined();
    const payments = view('payment-schema-rollback');
    payments.drill.advance(60_000);
    expect(payments.view.snapshot().load!.capacityRps).toBeGreaterThan(0);
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
