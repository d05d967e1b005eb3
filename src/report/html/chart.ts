import { formatClock, formatDuration } from '../../core/monitors.js';
import { escapeAttr, escapeXml } from '../xml.js';
import { LabelSpace, type Spot } from './labels.js';
import { MARKER_COLORS, type Marker } from './markers.js';
import { drawMeasured, measuredValues, type MeasuredOverlay } from './measurements.js';
import { formatValue, niceAxis, px, seriesPath, timeTicks, type ValueFormat } from './scale.js';
import { rollingMean } from './smooth.js';

/** One line of a chart: the metric over all traffic, or over one route. */
export interface ChartLine {
  /** Kept on the path (data-series) so the chart can be checked: the metric, or `metric@route`. */
  key: string;
  /** The route, named at the line's end when a chart draws several; null for all traffic. */
  route: string | null;
  color: string;
  values: readonly (number | null)[];
}

/** A condition the playbook watched on this metric: the level that fires it, and what it read. */
export interface WatchOverlay {
  /** "trigger", or "alert payment-errors". */
  by: string;
  text: string;
  /** The firing level drawn across the chart, and whether the value fires above or below it. */
  level: number | null;
  side: 'above' | 'below';
  /** The value it read over its window, one per step. */
  values: readonly (number | null)[];
  windowMs: number;
  firedMs: number | null;
}

export interface ChartInput {
  metric: string;
  title: string;
  lines: readonly ChartLine[];
  stepMs: number;
  /** The time axis runs from 0 to here. */
  endMs: number;
  /** The span the bold line averages over; the per-second values are drawn faint beneath it. */
  smoothMs: number;
  format: ValueFormat;
  thresholds: { value: number; label: string }[];
  watches: readonly WatchOverlay[];
  /** What a rollout controller measured on this metric: a dot per measurement, and the level it fails past. */
  measured: readonly MeasuredOverlay[];
  /** The recovery target window: from detection to detection + target. */
  band: { fromMs: number; toMs: number; label: string } | null;
  /** Unstable intermediate states the world passed through, shaded. */
  unstable: readonly { fromMs: number; toMs: number; label: string }[];
  markers: readonly Marker[];
}

export const CHART_WIDTH = 920;
export const WATCH_COLOR = '#1971c2';
const PLOT_PX = 132;
const LEFT = 66;
const RIGHT = 18;
const BOTTOM = 34;
/** Marker labels stack in up to this many rows above the plot; one with no free place is left to its tooltip. */
const LABEL_ROWS = 4;
const ROW_PX = 13;
const TITLE_Y = 14;
/** Room inside the plot so a series at its axis maximum is not hidden by the frame. */
const INNER_PAD = 5;

function finite(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

function yAxisFor(c: ChartInput, count: number): ReturnType<typeof niceAxis> {
  const values = [
    ...c.lines.flatMap((l) => finite(l.values.slice(0, count))),
    ...c.thresholds.map((t) => t.value),
    ...c.watches.flatMap((w) => (w.level === null ? [] : [w.level])),
    ...measuredValues(c.measured),
  ];
  if (values.length === 0) return niceAxis(0, 1);
  let lo = Math.min(...values);
  const hi = Math.max(...values);
  // Start at zero unless the interesting part is a small dip near the top (quality near 99%).
  if (lo >= 0 && lo < hi * 0.5) lo = 0;
  else lo -= (hi - lo) * 0.15;
  return niceAxis(lo, hi);
}

/** Places a label at the first free spot and writes it, or leaves it out (its line keeps a tooltip). */
function label(out: string[], space: LabelSpace, cls: string, text: string, spots: Spot[], fill?: string): void {
  const s = space.place(text, spots);
  if (!s) return;
  const color = fill ? ` fill="${fill}"` : '';
  out.push(`<text class="${cls}" x="${px(s.x)}" y="${px(s.y)}" text-anchor="${s.anchor}"${color}>${escapeXml(text)}</text>`);
}

/** Spots beside a horizontal line at height y: above it at the right end, below it, then at the left end. */
function besideLine(y: number, left: number, right: number): Spot[] {
  return [
    { x: right - 4, y: y - 4, anchor: 'end' },
    { x: right - 4, y: y + 12, anchor: 'end' },
    { x: left + 4, y: y - 4, anchor: 'start' },
    { x: left + 4, y: y + 12, anchor: 'start' },
    { x: (left + right) / 2, y: y - 4, anchor: 'middle' },
  ];
}

/**
 * One metric over the drill's time as an SVG line chart: each line per second (faint) and
 * smoothed (bold), one per route where routes differ; the SLO; what the playbook watched (the
 * level that fires it, the value it read over its window, and the window it read when it fired);
 * the target window shaded; and a line for each fault, detection, action, mitigation and
 * recovery. Labels take free places only, so none prints over another. Self-contained markup:
 * no script, no font, no external reference.
 */
export function lineChart(c: ChartInput): string {
  const plotW = CHART_WIDTH - LEFT - RIGHT;
  const x = (t: number): number => LEFT + (Math.min(t, c.endMs) / c.endMs) * plotW;
  const top = TITLE_Y + 8 + LABEL_ROWS * ROW_PX;
  const height = top + PLOT_PX + BOTTOM;
  const plotH = PLOT_PX;
  const count = Math.floor(c.endMs / c.stepMs) + 1;
  const axis = yAxisFor(c, count);
  const y = (v: number): number => top + plotH - INNER_PAD - ((v - axis.lo) / (axis.hi - axis.lo)) * (plotH - 2 * INNER_PAD);
  const space = new LabelSpace({ x1: 0, x2: CHART_WIDTH, y1: 0, y2: height });
  space.reserve(LEFT, LEFT + c.title.length * 7.8, 0, TITLE_Y + 4);
  const out: string[] = [
    `<svg class="chart" data-metric="${escapeAttr(c.metric)}" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="${escapeAttr(c.title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<text class="chart-title" x="${LEFT}" y="${TITLE_Y}">${escapeXml(c.title)}</text>`,
  ];
  for (const t of axis.ticks) {
    out.push(`<line class="grid" x1="${LEFT}" x2="${LEFT + plotW}" y1="${px(y(t))}" y2="${px(y(t))}"/>`);
    label(out, space, 'tick', formatValue(t, c.format), [{ x: LEFT - 6, y: y(t) + 4, anchor: 'end' }]);
  }
  for (const t of timeTicks(c.endMs)) label(out, space, 'tick', formatClock(t), [{ x: x(t), y: height - 8, anchor: 'middle' }]);
  if (c.band) {
    const from = x(c.band.fromMs);
    const to = x(c.band.toMs);
    out.push(`<rect class="target-band" x="${px(from)}" y="${top}" width="${px(Math.max(0, to - from))}" height="${plotH}"><title>${escapeXml(c.band.label)}</title></rect>`);
    if (c.band.toMs <= c.endMs) {
      out.push(`<line class="deadline" x1="${px(to)}" x2="${px(to)}" y1="${top}" y2="${top + plotH}"/>`);
      label(out, space, 'deadline-label', c.band.label, [
        { x: to - 4, y: top + 12, anchor: 'end' },
        { x: to + 4, y: top + 12, anchor: 'start' },
        { x: to - 4, y: top + plotH - 6, anchor: 'end' },
      ]);
    }
  }
  for (const u of c.unstable) {
    const from = x(u.fromMs);
    out.push(`<rect class="unstable-band" x="${px(from)}" y="${top}" width="${px(Math.max(1, x(u.toMs) - from))}" height="${plotH}"><title>${escapeXml(u.label)}</title></rect>`);
  }
  for (const t of c.thresholds) {
    out.push(`<line class="threshold" x1="${LEFT}" x2="${LEFT + plotW}" y1="${px(y(t.value))}" y2="${px(y(t.value))}"/>`);
    label(out, space, 'threshold-label', t.label, besideLine(y(t.value), LEFT, LEFT + plotW));
  }
  watchOverlays(out, space, c, x, y, top, plotH, count);
  markers(out, space, c, x, top, plotH);
  const place = (cls: string, text: string, spots: Spot[]): void => label(out, space, cls, text, spots);
  drawMeasured(out, c.measured, { x, y, left: LEFT, right: LEFT + plotW, endMs: c.endMs, format: c.format, place });
  out.push(`<rect class="frame" x="${LEFT}" y="${top}" width="${plotW}" height="${plotH}"/>`);
  const width = Math.max(1, Math.round(c.smoothMs / c.stepMs));
  for (const line of c.lines) {
    const visible = line.values.slice(0, count);
    const stroke = ` stroke="${line.color}"`;
    if (width > 1) out.push(`<path class="raw" data-series="${escapeAttr(line.key)}"${stroke} d="${seriesPath(visible, (i) => x(i * c.stepMs), y)}"/>`);
    const smooth = width > 1 ? rollingMean(visible, width) : visible;
    out.push(`<path class="series" data-series="${escapeAttr(line.key)}"${stroke} d="${seriesPath(smooth, (i) => x(i * c.stepMs), y)}"><title>${escapeXml(`${line.route ?? 'all traffic'}: ${formatDuration(c.smoothMs)} average`)}</title></path>`);
    const last = lastValue(smooth);
    if (line.route && last) label(out, space, 'route-label', line.route, routeSpots(x(last.i * c.stepMs), y(last.v)), line.color);
  }
  out.push('</svg>');
  return out.join('\n');
}

function lastValue(values: readonly (number | null)[]): { i: number; v: number } | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) return { i, v };
  }
  return null;
}

function routeSpots(lx: number, ly: number): Spot[] {
  return [-4, 12, -16, 24].map((dy) => ({ x: lx - 4, y: ly + dy, anchor: 'end' as const }));
}

function watchOverlays(out: string[], space: LabelSpace, c: ChartInput, x: (t: number) => number, y: (v: number) => number, top: number, plotH: number, count: number): void {
  for (const w of c.watches) {
    const who = w.by === 'trigger' ? 'trigger' : w.by;
    if (w.level !== null) {
      out.push(`<line class="watch-level" x1="${LEFT}" x2="${CHART_WIDTH - RIGHT}" y1="${px(y(w.level))}" y2="${px(y(w.level))}"><title>${escapeXml(`${who}: ${w.text}`)}</title></line>`);
      label(out, space, 'watch-label', `${who} fires ${w.side === 'above' ? '>' : '<'} ${formatValue(w.level, c.format)}`, besideLine(y(w.level), LEFT, CHART_WIDTH - RIGHT));
    }
    // The values end when the playbook's first trigger fired: then it acts, and reads no more.
    const seen = w.values.slice(0, count);
    // A value is read once a step is over: it belongs at the step's end.
    out.push(`<path class="watched" d="${seriesPath(seen, (i) => x((i + 1) * c.stepMs), y)}"><title>${escapeXml(`what the ${who} read: ${w.text}`)}</title></path>`);
    if (w.firedMs === null || w.firedMs > c.endMs) continue;
    const from = x(Math.max(0, w.firedMs - w.windowMs));
    const to = x(w.firedMs);
    // Under the plot, between it and the time axis, so it hides no data.
    const barY = top + plotH + 3;
    out.push(`<rect class="watch-window" x="${px(from)}" y="${px(barY)}" width="${px(Math.max(2, to - from))}" height="4"><title>${escapeXml(`${who} fired at ${formatClock(w.firedMs)} on the ${formatDuration(w.windowMs)} before it`)}</title></rect>`);
    label(out, space, 'watch-label', `${formatDuration(w.windowMs)} window`, [
      { x: to + 4, y: barY + 9, anchor: 'start' },
      { x: from - 4, y: barY + 9, anchor: 'end' },
    ]);
  }
}

function markers(out: string[], space: LabelSpace, c: ChartInput, x: (t: number) => number, top: number, plotH: number): void {
  for (const m of c.markers) {
    if (m.tMs > c.endMs) continue;
    const mx = x(m.tMs);
    const rows = Array.from({ length: LABEL_ROWS }, (_, r) => TITLE_Y + 8 + (r + 1) * ROW_PX - 2);
    const spot = space.place(m.label, rows.flatMap((ly) => [{ x: mx + 3, y: ly, anchor: 'start' as const }, { x: mx - 3, y: ly, anchor: 'end' as const }]));
    const lineTop = spot ? spot.y + 3 : top;
    const text = spot ? `<text x="${px(spot.x)}" y="${px(spot.y)}" text-anchor="${spot.anchor}" fill="${MARKER_COLORS[m.kind]}">${escapeXml(m.label)}</text>` : '';
    out.push(
      `<g class="marker" data-marker="${escapeAttr(m.kind)}"><title>${escapeXml(m.text)}</title>` +
        `<line x1="${px(mx)}" x2="${px(mx)}" y1="${px(lineTop)}" y2="${top + plotH}" stroke="${MARKER_COLORS[m.kind]}"/>${text}</g>`,
    );
  }
}
