import type { MetricPlan } from './metrics.js';
import type { ScenarioSpec } from './spec.js';
import { metricDefs } from './metric-table.js';

/** Longest alert window a watch may use. */
export const MAX_WINDOW_MS = 6 * 3_600_000;
/** Chart series keep at most this many points whatever the horizon. */
export const MAX_CHART_POINTS = 7200;
/** Chart points of all series of a drill together (16 bytes each): many routes share them, coarser. */
export const CHART_POINTS_BUDGET = 1 << 20;
/** History every series keeps for what a team may ask in a live drill, besides what is read. */
export const LIVE_HISTORY_MS = 3_600_000;
/** Seconds of history all route series of a drill keep together before windows are read (16 bytes each). */
export const ROUTE_HISTORY_BUDGET = 1 << 21;
/** However many routes share that budget, each keeps at least this much. */
export const MIN_ROUTE_HISTORY_MS = 60_000;

/**
 * What a drill's metric series keep, known once the scenario is compiled: the whole system's
 * series (`all`) keep an hour, or the horizon if shorter; route series share a fixed budget,
 * an hour each for a few routes and less for hundreds; every series keeps more when a window
 * read from it is longer. Chart points share a budget too, so neither the horizon nor the
 * number of routes makes a drill's memory grow without bound; a drill whose report draws no
 * charts (`charts` false) keeps none at all.
 */
export function metricPlan(spec: ScenarioSpec, charts = true): MetricPlan {
  const horizonTicks = Math.ceil(spec.horizonMs / 1000);
  const routes = spec.traffic.routes.length;
  const perScope = metricDefs(spec).length;
  const scopes = routes > 1 ? routes + 1 : 1;
  const bucketTicks = Math.max(1, Math.ceil(horizonTicks / MAX_CHART_POINTS), Math.ceil((horizonTicks * scopes * perScope) / CHART_POINTS_BUDGET));
  const liveTicks = LIVE_HISTORY_MS / 1000;
  const routeTicks = routes > 1 ? Math.max(MIN_ROUTE_HISTORY_MS / 1000, Math.min(liveTicks, Math.floor(ROUTE_HISTORY_BUDGET / (routes * perScope)))) : liveTicks;
  return {
    windowLimitTicks: Math.min(horizonTicks, MAX_WINDOW_MS / 1000),
    bucketTicks,
    chartPoints: charts ? Math.ceil(horizonTicks / bucketTicks) : 0,
    floorTicks: (scope) => (scope === 'all' ? liveTicks : routeTicks),
  };
}
