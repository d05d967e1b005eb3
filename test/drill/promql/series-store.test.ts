import { describe, expect, it } from 'vitest';
import { Drill } from '../../../src/core/drill.js';
import { evaluate } from '../../../src/drill/promql/evaluate.js';
import { SeriesStore } from '../../../src/drill/promql/series-store.js';
import { parsePromql } from '../../../src/formats/rollout/promql.js';
import { emptySeriesMap } from '../../../src/formats/rollout/series-names.js';
import { scenario } from '../../helpers.js';

function setup(id: string, historyMs = 3_600_000) {
  const drill = new Drill(scenario(id).spec, 1);
  const store = new SeriesStore(drill, emptySeriesMap(), historyMs);
  const value = (q: string): number => {
    const r = evaluate(parsePromql(q), store);
    return r.type === 'scalar' ? r.value : r.samples[0]!.value;
  };
  return { drill, store, value };
}

describe("the drill's series as Prometheus counters", () => {
  it('before anything happened, a long window sees the steady state the system ran in', () => {
    const { drill, value } = setup('payment-schema-rollback');
    drill.advance(5_000);
    // The scenario's baseline traffic, read through a window reaching far before the drill.
    expect(value('sum(rate(http_requests_total[1h]))')).toBeCloseTo(drill.spec.traffic.rps, -1);
  });

  it("the 5xx share of requests is the world's error rate over the same window, under every exporter's names", () => {
    const { drill, value } = setup('payment-schema-rollback');
    drill.advance(4 * 60_000);
    const world = drill.world.metrics.get('all', 'errorRate').value(60);
    expect(value('sum(rate(requests_total{code=~"5.."}[1m])) / sum(rate(requests_total[1m]))')).toBeCloseTo(world, 3);
    expect(value('sum(rate(istio_requests_total{response_code=~"5.*"}[1m])) / sum(rate(istio_requests_total[1m]))')).toBeCloseTo(world, 3);
    expect(value('sum(rate(response_total{classification="failure"}[1m])) / sum(rate(response_total[1m]))')).toBeCloseTo(world, 3);
  });

  it("the latency histogram's median sits near the world's p50", () => {
    const { drill, value } = setup('recommender-canary');
    drill.advance(2 * 60_000);
    const p50 = drill.world.metrics.get('all', 'latencyP50Ms').value(60);
    const fromBuckets = value('histogram_quantile(0.5, sum by (le) (rate(request_duration_milliseconds_bucket[1m])))');
    // Linear interpolation inside the 50-100 ms bucket: close, not exact.
    expect(Math.abs(fromBuckets - p50) / p50).toBeLessThan(0.15);
    expect(value('histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket[1m])))')).toBeCloseTo(fromBuckets / 1000, 9);
  });

  it("a business metric's _sum over _count per route is the scenario metric on that route", () => {
    const { drill, value } = setup('recommender-canary');
    // At 4:30 the canary has carried 10% of the traffic for a minute and a half.
    drill.advance(4 * 60_000 + 30_000);
    const canary = drill.world.metrics.get('canary', 'accuracy').value(60);
    expect(value('sum(rate(accuracy_sum{route="canary"}[1m])) / sum(rate(accuracy_count{route="canary"}[1m]))')).toBeCloseTo(canary, 2);
  });

  it('keeps history as long as the longest range and no longer', () => {
    const { drill, store } = setup('recommender-canary', 60_000);
    drill.advance(5 * 60_000);
    const [series] = store.select('requests_total', []);
    expect(() => store.valueAt(series!, 300 - 61)).not.toThrow();
    expect(() => store.valueAt(series!, 300 - 200)).toThrow(/is gone/);
  });
});
