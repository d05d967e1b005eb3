import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { baselineOf, BUILTIN_METRICS, metricDefs, relativeRefusal, routeShare } from '../../src/core/metric-table.js';
import { Session } from '../../src/drill/session.js';
import { runPlaybook } from '../../src/drill/playbook-runner.js';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { LIBRARY } from '../drill-cases.js';
import { scenario } from '../helpers.js';

describe('the metric table', () => {
  it('states a unit, a good direction and what it measures for every built-in metric', () => {
    for (const m of BUILTIN_METRICS) {
      expect(m.unit, m.name).not.toBe('');
      expect(['high', 'low', 'neither'], m.name).toContain(m.good);
      expect(m.about, m.name).not.toBe('');
    }
  });

  it('primes every window of every library scenario with the baseline it states', () => {
    for (const id of LIBRARY) {
      const { spec } = scenario(id);
      const drill = new Drill(spec, 1);
      for (const m of metricDefs(spec)) {
        const baseline = baselineOf(spec, m.name);
        if (baseline === undefined) continue;
        const primed = drill.world.metrics.get('all', m.name).value(60);
        expect(primed, `${id} ${m.name}`).toBeCloseTo(baseline, 9);
      }
    }
  });

  it('scales request rates to a route’s share of users, not shares of requests', () => {
    const { spec } = scenario('recommender-canary');
    const stable = routeShare(spec, 'stable');
    expect(stable).toBeGreaterThan(0.9);
    expect(baselineOf(spec, 'rps', stable)).toBeCloseTo(spec.traffic.rps * stable, 9);
    expect(baselineOf(spec, 'quality', stable)).toBe(spec.traffic.baseQuality);
    expect(baselineOf(spec, 'errorRate')).toBeGreaterThanOrEqual(spec.traffic.baseErrorRate);
  });

  it('refuses relative conditions on metrics normally at zero or unbounded', () => {
    const payments = scenario('payment-schema-rollback').spec;
    expect(relativeRefusal(payments, 'queue')).toMatch(/queue is normally 0/);
    expect(relativeRefusal(payments, 'retries')).toMatch(/retries is normally 0/);
    expect(relativeRefusal(payments, 'latencyP99Ms')).toBeUndefined();
    expect(relativeRefusal(payments, 'capacityRps')).toBeUndefined();
    // A provider API behind no deployment has no capacity to be a percent of.
    const provider = scenario('silent-provider-update').spec;
    expect(provider.traffic.deployment).toBeUndefined();
    expect(relativeRefusal(provider, 'capacityRps')).toMatch(/no baseline/);
  });

  it('lets a relative latency trigger fire on the latency spike', () => {
    const s = scenario('latency-spike');
    const p = loadPlaybook(
      ['name: relative-latency', 'triggers:', '  - { metric: latencyP99Ms, risePct: 100, window: 1m }', 'steps:', '  - run: switch stable blue'].join('\n'),
      'relative-latency.yaml',
    );
    const session = new Session(s, 3);
    const run = runPlaybook(session, p);
    expect(run.trigger).toMatch(/latencyP99Ms rises 100% above baseline/);
    const result = session.result();
    expect(result.detectedBy).toMatch(/latencyP99Ms/);
    expect(result.verdict).toBe('PASS');
  });
});
