import { describe, expect, it } from 'vitest';
import { MetricStore } from '../../src/core/metrics.js';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { playbook, scenario } from '../helpers.js';

describe('chart copies on the drill\'s clock', () => {
  it('leave a gap where a series got no value, and start a series first asked for mid-drill at its second', () => {
    const store = new MetricStore({ windowLimitTicks: 600, bucketTicks: 1, chartPoints: 600, floorTicks: () => 60 });
    const stable = store.get('stable', 'errorRate');
    for (let t = 0; t < 6; t++) {
      stable.push(t, 10);
      if (t === 2 || t === 4) store.get('canary', 'errorRate').push(5, 10);
      store.endSecond();
    }
    expect(stable.chart()).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(store.get('canary', 'errorRate').chart()).toEqual([null, null, 0.5, null, 0.5, null]);
    // Windows count the values a series got, as before: the gaps are in the chart alone.
    expect(store.get('canary', 'errorRate').value(2)).toBe(0.5);
  });

  it('put a canary\'s seconds where they happened in a drill\'s report', () => {
    const { session } = drillPlaybook(scenario('recommender-canary'), playbook('canary-auto-rollback'), 1, undefined, [], { charts: true });
    const charts = session.drill.world.metrics.charts();
    const all = charts.all!.requests!;
    const canary = charts.canary!.requests!;
    expect(canary).toHaveLength(all.length);
    const carried = canary.flatMap((v, i) => (v !== null && v > 0 ? [i] : []));
    const fault = scenario('recommender-canary').spec.faults[0]!.atMs / 1000;
    // The canary carried traffic from the release until the abort, never before it (point i is the second ending at i + 1 s).
    expect(carried[0]).toBe(fault - 1);
    expect(carried.length).toBeGreaterThan(5);
  });
});

describe('a drill run without charts', () => {
  it('comes to the same result as with them, and says so when asked for a chart it never kept', () => {
    for (const [id, name] of [
      ['payment-schema-rollback', 'code-only-rollback'],
      ['recommender-canary', 'canary-auto-rollback'],
    ] as const) {
      const plain = drillPlaybook(scenario(id), playbook(name), 3).session;
      const charted = drillPlaybook(scenario(id), playbook(name), 3, undefined, [], { charts: true }).session;
      expect(JSON.stringify(plain.result())).toBe(JSON.stringify(charted.result()));
      expect(() => plain.drill.world.metrics.charts()).toThrow(/keeps no chart copy: this drill was run without charts/);
    }
  });
});
