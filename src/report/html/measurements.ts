import { formatClock } from '../../core/monitors.js';
import type { Measurement } from '../../drill/controller/measurement.js';
import { escapeXml } from '../xml.js';
import type { ChartLine } from './chart.js';
import type { Spot } from './labels.js';
import { formatValue, px, type ValueFormat } from './scale.js';

/** Rows of the measurements table; the rest are counted (all of them are in report.json). */
export const MEASUREMENTS_SHOWN = 60;

/** One measurement of a controller, as drawn: a dot where its value fell. */
export interface MeasuredPoint {
  tMs: number;
  value: number;
  phase: Measurement['phase'];
  text: string;
}

/** The measurements of one metric of a controller, drawn on the chart of the drill metric its query reads. */
export interface MeasuredOverlay {
  label: string;
  failsBelow: number | null;
  failsAbove: number | null;
  points: MeasuredPoint[];
}

/** A measurement in one line, for tooltips and tables: "1:30 engagement [0.7594]: failed (success: result[0] >= 0.79)". */
export function measurementText(m: Measurement): string {
  return `${formatClock(m.tMs)} ${m.name} ${m.value}: ${m.phase} (${m.condition})`;
}

/**
 * The measurements that belong on a metric's chart, one overlay per measured metric of the
 * controller: those whose query reads this metric in its units, over a route the chart draws (or
 * all traffic, when it draws one line).
 */
export function measuredOverlays(measured: readonly Measurement[], metric: string, lines: readonly ChartLine[]): MeasuredOverlay[] {
  const byName = new Map<string, MeasuredOverlay>();
  for (const m of measured) {
    const chart = m.chart;
    if (!chart || chart.metric !== metric || m.first === null) continue;
    // As a playbook's watch: on its route's line, or on the one line when routes are not drawn apart.
    if (chart.route !== null && !lines.some((l) => l.route === chart.route) && !lines.every((l) => l.route === null)) continue;
    const key = `${m.by}\u0000${m.name}`;
    let o = byName.get(key);
    if (!o) byName.set(key, (o = { label: `${m.name}${chart.route ? ` (${chart.route})` : ''}`, failsBelow: m.failsBelow, failsAbove: m.failsAbove, points: [] }));
    o.points.push({ tMs: m.tMs, value: m.first, phase: m.phase, text: `${m.by}: ${measurementText(m)}` });
  }
  return [...byName.values()];
}

/** The levels and values a chart's y axis must hold for its measurements to show. */
export function measuredValues(overlays: readonly MeasuredOverlay[]): number[] {
  return overlays.flatMap((o) => [...o.points.map((p) => p.value), ...(o.failsBelow !== null ? [o.failsBelow] : []), ...(o.failsAbove !== null ? [o.failsAbove] : [])]);
}

interface Plot {
  x: (tMs: number) => number;
  y: (v: number) => number;
  left: number;
  right: number;
  endMs: number;
  format: ValueFormat;
  place: (cls: string, text: string, spots: Spot[]) => void;
}

/**
 * Draws each overlay: the level its condition fails past, dashed and labelled, and a dot for
 * every measurement (hollow when it passed, filled when it failed), each with a tooltip that
 * says the measurement in full.
 */
export function drawMeasured(out: string[], overlays: readonly MeasuredOverlay[], p: Plot): void {
  for (const o of overlays) {
    for (const [level, side] of [[o.failsBelow, '<'], [o.failsAbove, '>']] as const) {
      if (level === null) continue;
      const ly = p.y(level);
      out.push(`<line class="measure-level" x1="${p.left}" x2="${p.right}" y1="${px(ly)}" y2="${px(ly)}"><title>${escapeXml(`${o.label} fails ${side} ${formatValue(level, p.format)}`)}</title></line>`);
      p.place('measure-label', `${o.label} fails ${side} ${formatValue(level, p.format)}`, [
        { x: p.left + 4, y: ly - 4, anchor: 'start' },
        { x: p.left + 4, y: ly + 12, anchor: 'start' },
        { x: (p.left + p.right) / 2, y: ly + 12, anchor: 'middle' },
      ]);
    }
    for (const point of o.points) {
      if (point.tMs > p.endMs) continue;
      out.push(`<circle class="measured ${point.phase}" cx="${px(p.x(point.tMs))}" cy="${px(p.y(point.value))}" r="4"><title>${escapeXml(point.text)}</title></circle>`);
    }
  }
}

/** The measurements as a table: when, who measured, what, the value, the phase and the condition. */
export function measuredTable(measured: readonly Measurement[]): string {
  if (measured.length === 0) return '';
  const shown = measured.slice(0, MEASUREMENTS_SHOWN);
  const rows = shown.map(
    (m) =>
      `<tr class="${m.phase}"><td class="num">${escapeXml(formatClock(m.tMs))}</td><td>${escapeXml(m.by)}</td><td>${escapeXml(m.name)}</td><td class="num">${escapeXml(m.value)}</td><td>${escapeXml(m.phase)}</td><td><code>${escapeXml(m.condition)}</code></td></tr>`,
  );
  const more = measured.length > shown.length ? `<p class="muted">${escapeXml(`and ${measured.length - shown.length} more measurements, in report.json`)}</p>` : '';
  return (
    `<h4>${escapeXml(`What the controller measured: ${measured.length} ${measured.length === 1 ? 'measurement' : 'measurements'}`)}</h4>` +
    `<table class="measured"><thead><tr><th>time</th><th>measured by</th><th>metric</th><th>value</th><th>phase</th><th>condition</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}`
  );
}
