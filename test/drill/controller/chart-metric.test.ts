import { describe, expect, it } from 'vitest';
import { Drill } from '../../../src/core/drill.js';
import { chartMetricOf } from '../../../src/drill/controller/chart-metric.js';
import { SeriesStore } from '../../../src/drill/promql/series-store.js';
import { parsePromql } from '../../../src/formats/rollout/promql.js';
import { emptySeriesMap } from '../../../src/formats/rollout/series-names.js';
import { scenario } from '../../helpers.js';

describe('the chart a controller’s query reads the same as', () => {
  const s = scenario('recommender-canary');
  const store = new SeriesStore(new Drill(s.spec, 1), emptySeriesMap(), 3_600_000);
  const chart = (query: string) => chartMetricOf(parsePromql(query), store, s.spec.metrics.map((m) => m.name), ['stable', 'canary']);

  it('is a scenario metric for the ratio of its sum to its count, over the routes the selectors pick', () => {
    expect(chart('sum(rate(accuracy_sum[1m])) / sum(rate(accuracy_count[1m]))')).toEqual({ metric: 'accuracy', route: null });
    expect(chart('sum(rate(accuracy_sum{route="canary"}[1m])) / sum(rate(accuracy_count{route="canary"}[1m]))')).toEqual({ metric: 'accuracy', route: 'canary' });
  });

  it('is the error rate for failed requests over all requests', () => {
    expect(chart('sum(rate(requests_total{code=~"5.."}[1m])) / sum(rate(requests_total[1m]))')).toEqual({ metric: 'errorRate', route: null });
    expect(chart('sum(rate(http_requests_total{status=~"5.*",route="stable"}[1m])) / sum(rate(http_requests_total{route="stable"}[1m]))')).toEqual({ metric: 'errorRate', route: 'stable' });
  });

  it('is none for a query in units no chart has, or over only some routes of several', () => {
    expect(chart('sum(rate(requests_total{code!~"5.."}[1m])) / sum(rate(requests_total[1m]))')).toBeNull();
    expect(chart('histogram_quantile(0.99, sum by (le) (rate(request_duration_seconds_bucket[1m])))')).toBeNull();
    expect(chart('sum(rate(accuracy_sum[1m])) / sum(rate(accuracy_count[1m])) * 100')).toBeNull();
    expect(chart('sum(rate(accuracy_sum{route="canary"}[1m])) / sum(rate(accuracy_count[1m]))')).toBeNull();
  });
});
