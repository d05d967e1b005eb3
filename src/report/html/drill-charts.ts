import { formatClock } from '../../core/monitors.js';
import type { Report } from '../report.js';
import type { CaseInfo } from '../sweep/header.js';
import { actionsLane } from './actions-lane.js';
import { lineChart, type ChartInput } from './chart.js';
import { chartEndMs, clockStartMs, drillMarkers } from './markers.js';
import { formatValue, type ValueFormat } from './scale.js';

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

function chartSpecs(info: CaseInfo): ChartSpec[] {
  const business = info.metrics.map((m) => ({
    metric: m.name,
    title: `${m.name}: ${m.description} (${m.good} is good)`,
    format: (m.kind === 'rate' ? 'percent' : 'number') as ValueFormat,
  }));
  return [...BUILTIN_CHARTS, ...business];
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

/**
 * The charts of one drill: error rate, latency, quality and each business metric over time, all
 * on one time axis with the same markers and target window, then the actions as bars. Returns
 * the markup and how much of the drill the time axis covers.
 */
export function drillCharts(info: CaseInfo, r: Report): { html: string; endMs: number } {
  const markers = drillMarkers(r);
  const endMs = chartEndMs(r, markers);
  const start = clockStartMs(r);
  const band = start === null ? null : { fromMs: start, toMs: start + r.targetMs, label: `target ${formatClock(r.targetMs)}` };
  const unstable = r.counts.unstableStates.map((u) => ({
    fromMs: u.enteredMs,
    toMs: u.durationMs === null ? r.endMs : u.enteredMs + u.durationMs,
    label: `unstable from ${formatClock(u.enteredMs)} for ${u.durationMs === null ? 'the rest of the drill' : formatClock(u.durationMs)}: ${u.explain}`,
  }));
  const scope = r.series?.scopes.all ?? {};
  const stepMs = r.series?.stepMs ?? 1000;
  const charts = chartSpecs(info)
    .filter((spec) => scope[spec.metric] !== undefined)
    .map((spec) => lineChart({ ...spec, values: scope[spec.metric]!, stepMs, endMs, thresholds: thresholds(info, spec), band, unstable, markers }));
  return { html: [...charts, actionsLane(r, endMs)].join('\n'), endMs };
}
