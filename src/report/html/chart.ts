import { formatClock } from '../../core/monitors.js';
import { escapeAttr, escapeXml } from '../xml.js';
import { MARKER_COLORS, type Marker } from './markers.js';
import { formatValue, niceAxis, px, seriesPath, timeTicks, type ValueFormat } from './scale.js';

export interface ChartInput {
  /** The metric's name, kept on the path (data-series) so the chart can be checked. */
  metric: string;
  title: string;
  values: readonly (number | null)[];
  stepMs: number;
  /** The time axis runs from 0 to here. */
  endMs: number;
  format: ValueFormat;
  thresholds: { value: number; label: string }[];
  /** The recovery target window: from detection to detection + target. */
  band: { fromMs: number; toMs: number; label: string } | null;
  /** Unstable intermediate states the world passed through, shaded. */
  unstable: readonly { fromMs: number; toMs: number; label: string }[];
  markers: readonly Marker[];
}

export const CHART_WIDTH = 920;
const PLOT_PX = 132;
const LEFT = 66;
const RIGHT = 18;
const BOTTOM = 26;
/** Marker labels stack in up to this many rows above the plot, as many as the crowding needs. */
const MAX_LABEL_ROWS = 6;
const ROW_PX = 12;
/** Room inside the plot so a series at its axis maximum is not hidden by the frame. */
const INNER_PAD = 5;
const CHAR_PX = 6.4;

/** Where a marker's label goes: right of its line, or left of it near the right edge. */
function labelSpan(m: Marker, x: (t: number) => number): { from: number; to: number; leftOfLine: boolean } {
  const width = m.label.length * CHAR_PX;
  const at = x(m.tMs);
  const leftOfLine = at + 3 + width > CHART_WIDTH;
  return leftOfLine ? { from: at - 3 - width, to: at - 3, leftOfLine } : { from: at + 3, to: at + 3 + width, leftOfLine };
}

/** Spreads marker labels over rows so neighbours do not print over each other. */
function labelRows(markers: readonly Marker[], x: (t: number) => number): number[] {
  const rows: { from: number; to: number }[][] = [];
  return markers.map((m) => {
    const span = labelSpan(m, x);
    const free = (row: { from: number; to: number }[]): boolean => row.every((o) => span.to + 4 < o.from || span.from > o.to + 4);
    let row = rows.findIndex(free);
    if (row < 0 && rows.length < MAX_LABEL_ROWS) row = rows.push([]) - 1;
    if (row < 0) row = rows.reduce((best, r, i) => (r.length < rows[best]!.length ? i : best), 0);
    rows[row]!.push(span);
    return row;
  });
}

function yAxisFor(c: ChartInput, visible: readonly (number | null)[]): ReturnType<typeof niceAxis> {
  const values = [...visible.filter((v): v is number => v !== null && Number.isFinite(v)), ...c.thresholds.map((t) => t.value)];
  if (values.length === 0) return niceAxis(0, 1);
  let lo = Math.min(...values);
  const hi = Math.max(...values);
  // Start at zero unless the interesting part is a small dip near the top (quality near 99%).
  if (lo >= 0 && lo < hi * 0.5) lo = 0;
  else lo -= (hi - lo) * 0.15;
  return niceAxis(lo, hi);
}

/**
 * One metric over the drill's time as an SVG line chart: the series, the SLO threshold, the
 * target window shaded, and a labelled line for each fault, detection, action, mitigation and
 * recovery. Self-contained markup: no script, no font, no external reference.
 */
export function lineChart(c: ChartInput): string {
  const plotW = CHART_WIDTH - LEFT - RIGHT;
  const x = (t: number): number => LEFT + (Math.min(t, c.endMs) / c.endMs) * plotW;
  const rows = labelRows(c.markers, x);
  const top = 22 + (Math.max(2, ...rows.map((r) => r + 1)) + 1) * ROW_PX;
  const height = top + PLOT_PX + BOTTOM;
  const plotH = PLOT_PX;
  const count = Math.min(c.values.length, Math.floor(c.endMs / c.stepMs) + 1);
  const visible = c.values.slice(0, count);
  const axis = yAxisFor(c, visible);
  const y = (v: number): number => top + plotH - INNER_PAD - ((v - axis.lo) / (axis.hi - axis.lo)) * (plotH - 2 * INNER_PAD);
  const out: string[] = [];
  out.push(
    `<svg class="chart" data-metric="${escapeAttr(c.metric)}" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="${escapeAttr(c.title)}" xmlns="http://www.w3.org/2000/svg">`,
  );
  out.push(`<text class="chart-title" x="${LEFT}" y="14">${escapeXml(c.title)}</text>`);
  if (c.band) {
    const from = x(c.band.fromMs);
    const to = x(c.band.toMs);
    out.push(`<rect class="target-band" x="${px(from)}" y="${top}" width="${px(Math.max(0, to - from))}" height="${plotH}"><title>${escapeXml(c.band.label)}</title></rect>`);
    if (c.band.toMs <= c.endMs) {
      out.push(`<line class="deadline" x1="${px(to)}" x2="${px(to)}" y1="${top}" y2="${top + plotH}"/>`);
      out.push(`<text class="deadline-label" x="${px(to - 4)}" y="${top + 12}" text-anchor="end">${escapeXml(c.band.label)}</text>`);
    }
  }
  for (const u of c.unstable) {
    const from = x(u.fromMs);
    out.push(`<rect class="unstable-band" x="${px(from)}" y="${top}" width="${px(Math.max(1, x(u.toMs) - from))}" height="${plotH}"><title>${escapeXml(u.label)}</title></rect>`);
  }
  for (const t of axis.ticks) {
    out.push(`<line class="grid" x1="${LEFT}" x2="${LEFT + plotW}" y1="${px(y(t))}" y2="${px(y(t))}"/>`);
    out.push(`<text class="tick" x="${LEFT - 6}" y="${px(y(t) + 4)}" text-anchor="end">${escapeXml(formatValue(t, c.format))}</text>`);
  }
  for (const t of timeTicks(c.endMs)) {
    out.push(`<text class="tick" x="${px(x(t))}" y="${height - 8}" text-anchor="middle">${escapeXml(formatClock(t))}</text>`);
  }
  for (const t of c.thresholds) {
    out.push(`<line class="threshold" x1="${LEFT}" x2="${LEFT + plotW}" y1="${px(y(t.value))}" y2="${px(y(t.value))}"/>`);
    out.push(`<text class="threshold-label" x="${LEFT + plotW - 4}" y="${px(y(t.value) - 4)}" text-anchor="end">${escapeXml(t.label)}</text>`);
  }
  c.markers.forEach((m, i) => {
    if (m.tMs > c.endMs) return;
    const mx = px(x(m.tMs));
    const ly = 22 + (rows[i]! + 1) * ROW_PX;
    const label = labelSpan(m, x).leftOfLine ? `x="${px(x(m.tMs) - 3)}" text-anchor="end"` : `x="${px(x(m.tMs) + 3)}"`;
    out.push(
      `<g class="marker" data-marker="${escapeAttr(m.kind)}"><title>${escapeXml(m.text)}</title>` +
        `<line x1="${mx}" x2="${mx}" y1="${ly + 2}" y2="${top + plotH}" stroke="${MARKER_COLORS[m.kind]}"/>` +
        `<text ${label} y="${ly}" fill="${MARKER_COLORS[m.kind]}">${escapeXml(m.label)}</text></g>`,
    );
  });
  out.push(`<rect class="frame" x="${LEFT}" y="${top}" width="${plotW}" height="${plotH}"/>`);
  const d = seriesPath(visible, (i) => x(i * c.stepMs), y);
  out.push(`<path class="series" data-series="${escapeAttr(c.metric)}" d="${d}"/>`);
  out.push('</svg>');
  return out.join('\n');
}
