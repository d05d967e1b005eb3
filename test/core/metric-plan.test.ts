import { describe, expect, it } from 'vitest';
import { CHART_POINTS_BUDGET, LIVE_HISTORY_MS, MAX_CHART_POINTS, MAX_WINDOW_MS, metricPlan, MIN_ROUTE_HISTORY_MS, ROUTE_HISTORY_BUDGET } from '../../src/core/metric-plan.js';
import { MetricStore } from '../../src/core/metrics.js';
import type { ScenarioSpec } from '../../src/core/spec.js';
import { BUILTIN_METRIC_NAMES } from '../../src/core/metric-table.js';
import { LIBRARY } from '../drill-cases.js';
import { scenario } from '../helpers.js';

const base = scenario('payment-schema-rollback').spec;

function withRoutes(spec: ScenarioSpec, routes: number): ScenarioSpec {
  const extra = Array.from({ length: routes - 1 }, (_, i) => ({ name: `r${i}`, weight: 0.0001, track: 'main', overrides: {} }));
  return { ...spec, traffic: { ...spec.traffic, routes: [spec.traffic.routes[0]!, ...extra] } };
}

describe('metricPlan', () => {
  it('gives every library scenario one chart point a second up to two hours (coarser beyond) and windows up to its horizon', () => {
    for (const id of LIBRARY) {
      const { spec } = scenario(id);
      const plan = metricPlan(spec);
      const horizonS = Math.ceil(spec.horizonMs / 1000);
      expect(plan.bucketTicks, id).toBe(horizonS <= MAX_CHART_POINTS ? 1 : Math.ceil(horizonS / MAX_CHART_POINTS));
      expect(plan.windowLimitTicks, id).toBe(Math.min(Math.ceil(spec.horizonMs / 1000), MAX_WINDOW_MS / 1000));
    }
  });

  it('keeps an hour of the whole system’s history, or the horizon when shorter', () => {
    const held = (horizonMs: number): number => {
      const series = new MetricStore(metricPlan({ ...base, horizonMs })).get('all', 'errorRate');
      for (let t = 0; t < horizonMs / 1000; t++) series.push(t, 1);
      return series.held;
    };
    expect(held(7_200_000)).toBe(LIVE_HISTORY_MS / 1000);
    expect(held(600_000)).toBe(600);
  });

  it('bounds chart points by the horizon: at most MAX_CHART_POINTS a series, however long the drill', () => {
    const plan = metricPlan({ ...base, horizonMs: 48 * 3_600_000 });
    expect(plan.chartPoints).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(plan.chartPoints * plan.bucketTicks).toBeGreaterThanOrEqual(48 * 3600);
    expect(plan.windowLimitTicks).toBe(MAX_WINDOW_MS / 1000);
  });

  it('shares fixed budgets among hundreds of routes: chart points and history stay bounded, each route keeps at least a minute', () => {
    const spec = withRoutes(base, 800);
    const plan = metricPlan(spec);
    const perScope = BUILTIN_METRIC_NAMES.length + spec.metrics.length;
    expect(801 * perScope * plan.chartPoints).toBeLessThanOrEqual(CHART_POINTS_BUDGET);
    expect(plan.chartPoints * plan.bucketTicks).toBeGreaterThanOrEqual(spec.horizonMs / 1000);
    const routeTicks = plan.floorTicks('r1');
    expect(routeTicks).toBeGreaterThanOrEqual(MIN_ROUTE_HISTORY_MS / 1000);
    expect(800 * perScope * routeTicks).toBeLessThanOrEqual(ROUTE_HISTORY_BUDGET);
    expect(plan.floorTicks('all')).toBe(LIVE_HISTORY_MS / 1000);
    // A few routes keep the whole hour each.
    expect(metricPlan(withRoutes(base, 3)).floorTicks('r1')).toBe(LIVE_HISTORY_MS / 1000);
  });
});
