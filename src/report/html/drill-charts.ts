import { formatClock } from '../../core/monitors.js';
import type { WatchedSeries } from '../../drill/watch-trace.js';
import type { Report } from '../report.js';
import type { CaseInfo } from '../sweep/header.js';
import { actionsLane } from './actions-lane.js';
import { lineChart, type ChartLine, type ChartInput, type WatchOverlay } from './chart.js';
import { chartEndMs, clockStartMs, drillMarkers } from './markers.js';
import { measuredOverlays } from './measurements.js';
import { formatValue, type ValueFormat } from './scale.js';
import { rollingMean, smoothingMs } from './smooth.js';

interface ChartSpec {
  metric: string;
  title: string;
  format: ValueFormat;
}

const BUILTIN_CHARTS: ChartSpec[] = [
  { metric: 'errorRate', title: 'Error rate (share of requests that failed)', format: 'percent' },
  { metric: 'latencyP99Ms', title: 'Latency p99', format: 'ms' },
  { metric: 'quality', title: 'Quality (share of good responses)', format: 'percent' },
];

/** One colour per line: the first for all traffic or the first route, then one per further route. */
export const LINE_COLORS = ['#5f3dc4', '#e8590c', '#0c8599', '#c2255c', '#5c940d'];

/** How a metric the playbook watched but no chart shows reads, from its name. */
function formatOf(metric: string): ValueFormat {
  if (/Ms$/.test(metric)) return 'ms';
  return /Rate$|^quality$/.test(metric) ? 'percent' : 'number';
}

/** The built-in metrics, the scenario's business metrics, then any other metric the playbook watched. */
function chartSpecs(info: CaseInfo, watched: readonly WatchedSeries[]): ChartSpec[] {
  const business = info.metrics.map((m) => ({
    metric: m.name,
    title: `${m.name}: ${m.description} (${m.good} is good)`,
    format: (m.kind === 'rate' ? 'percent' : 'number') as ValueFormat,
  }));
  const specs = [...BUILTIN_CHARTS, ...business];
  for (const w of watched) if (!specs.some((s) => s.metric === w.metric)) specs.push({ metric: w.metric, title: `${w.metric} (watched by the playbook)`, format: formatOf(w.metric) });
  return specs;
}

function thresholds(info: CaseInfo, spec: ChartSpec): ChartInput['thresholds'] {
  const out: ChartInput['thresholds'] = [];
  for (const s of info.slos) {
    if (s.metric !== spec.metric) continue;
    if (s.max !== undefined) out.push({ value: s.max, label: `SLO ≤ ${formatValue(s.max, spec.format)}` });
    if (s.min !== undefined) out.push({ value: s.min, label: `SLO ≥ ${formatValue(s.min, spec.format)}` });
  }
  return out;
}

/** The largest gap between two smoothed series over the points both have. */
function largestGap(a: readonly (number | null)[], b: readonly (number | null)[]): number {
  let gap = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x !== null && x !== undefined && y !== null && y !== undefined) gap = Math.max(gap, Math.abs(x - y));
  }
  return gap;
}

/**
 * The lines of a metric's chart: one per route where the routes differ (a canary's regression
 * at 1% of the traffic is invisible in the average), else all traffic as one line. Routes
 * differ when, smoothed, one strays from the average by more than a tenth of the average's
 * own range, or of its level when it is flat.
 */
export function chartLines(scopes: Record<string, Record<string, (number | null)[]>>, metric: string, count: number, smoothWidth: number): ChartLine[] {
  const all = scopes.all?.[metric];
  // The route carrying most of the traffic first (it takes the colour of a chart's one line), then by name.
  const carried = (r: string): number => (scopes[r]!.requests ?? []).reduce<number>((s, v) => s + (v ?? 0), 0);
  const routes = Object.keys(scopes)
    .filter((s) => s !== 'all' && scopes[s]![metric] !== undefined && scopes[s]![metric]!.some((v) => v !== null))
    .sort((a, b) => carried(b) - carried(a) || (a < b ? -1 : 1));
  const whole: ChartLine[] = all ? [{ key: metric, route: null, color: LINE_COLORS[0]!, values: all }] : [];
  if (!all || routes.length < 2) return whole;
  const smoothAll = rollingMean(all.slice(0, count), smoothWidth);
  const level = smoothAll.filter((v): v is number => v !== null);
  if (level.length === 0) return whole;
  const range = Math.max(...level) - Math.min(...level);
  const scale = Math.max(range, Math.abs(level.reduce((s, v) => s + v, 0) / level.length));
  const differ = routes.some((r) => largestGap(rollingMean(scopes[r]![metric]!.slice(0, count), smoothWidth), smoothAll) > 0.1 * scale);
  if (!differ) return whole;
  return routes.map((r, i) => ({ key: `${metric}@${r}`, route: r, color: LINE_COLORS[i % LINE_COLORS.length]!, values: scopes[r]![metric]! }));
}

function overlays(watched: readonly WatchedSeries[], metric: string, lines: readonly ChartLine[]): WatchOverlay[] {
  // A watch on a route is drawn where that route's line is, or on the one line when routes are not drawn apart.
  return watched
    .filter((w) => w.metric === metric && (w.route === null || lines.some((l) => l.route === w.route) || lines.every((l) => l.route === null)))
    .map((w) => ({
      by: w.by,
      text: w.text,
      level: w.above ?? w.below,
      side: w.above !== null ? ('above' as const) : ('below' as const),
      values: w.values,
      windowMs: w.windowMs,
      firedMs: w.firedMs,
    }));
}

/**
 * The charts of one drill: error rate, latency, quality, each business metric and whatever else
 * the playbook watched, over time, all on one time axis with the same markers and target window,
 * then the actions as bars. Returns the markup and how much of the drill the time axis covers.
 */
export function drillCharts(info: CaseInfo, r: Report): { html: string; endMs: number; smoothMs: number } {
  const markers = drillMarkers(r);
  const endMs = chartEndMs(r, markers);
  const start = clockStartMs(r);
  const band = start === null ? null : { fromMs: start, toMs: start + r.targetMs, label: `target ${formatClock(r.targetMs)}` };
  const unstable = r.counts.unstableStates.map((u) => ({
    fromMs: u.enteredMs,
    toMs: u.durationMs === null ? r.endMs : u.enteredMs + u.durationMs,
    label: `unstable from ${formatClock(u.enteredMs)} for ${u.durationMs === null ? 'the rest of the drill' : formatClock(u.durationMs)}: ${u.explain}`,
  }));
  const scopes = r.series?.scopes ?? {};
  const stepMs = r.series?.stepMs ?? 1000;
  const smoothMs = Math.max(smoothingMs(endMs), stepMs);
  const count = Math.floor(endMs / stepMs) + 1;
  const watched = r.watched ?? [];
  const charts = chartSpecs(info, watched).flatMap((spec) => {
    const lines = chartLines(scopes, spec.metric, count, Math.max(1, Math.round(smoothMs / stepMs)));
    if (lines.length === 0) return [];
    const byRoute = lines.some((l) => l.route !== null) ? ', by route' : '';
    const watches = overlays(watched, spec.metric, lines);
    const measured = measuredOverlays(r.measured ?? [], spec.metric, lines);
    return [lineChart({ ...spec, title: `${spec.title}${byRoute}`, lines, stepMs, endMs, smoothMs, thresholds: thresholds(info, spec), watches, measured, band, unstable, markers })];
  });
  return { html: [...charts, actionsLane(r, endMs)].join('\n'), endMs, smoothMs };
}
