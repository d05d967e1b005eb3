import { formatClock } from '../../core/monitors.js';
import type { CaseSummary } from '../sweep/summary.js';
import { escapeXml } from '../xml.js';
import { LabelSpace, type Spot } from './labels.js';
import { px } from './scale.js';

const WIDTH = 920;
const HEIGHT = 200;
const LEFT = 66;
const RIGHT = 18;
const TOP = 54;
const BOTTOM = 34;
/** Tick labels under about this many bins at most, so they never crowd. */
const TICKS = 8;

/**
 * How recovery times spread over the seeds: bins as narrow as the spread needs (see
 * recoveryBins), a bar for drills that never recovered, p50 and p95 marked, and the target
 * drawn where it falls on the axis or pointed at when it lies beyond. A playbook that passes only
 * by luck shows a tail crowding the target line.
 */
export function recoveryHistogram(s: CaseSummary, targetMs: number): string {
  const h = s.histogram;
  const endMs = h.fromMs + h.bins.length * h.binMs;
  const bars = [
    ...h.bins.map((n, i) => ({ n, late: h.fromMs + (i + 1) * h.binMs > targetMs, tip: `${formatClock(h.fromMs + i * h.binMs)}-${formatClock(h.fromMs + (i + 1) * h.binMs)}` })),
    ...(h.never > 0 ? [{ n: h.never, late: true, tip: 'never recovered' }] : []),
  ];
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  // A bar is never wider than a tenth of the chart: a lone "never" bar is a bar, not a wall.
  const slot = plotW / Math.max(10, bars.length);
  const most = Math.max(1, ...bars.map((b) => b.n));
  const x = (ms: number): number => LEFT + ((ms - h.fromMs) / h.binMs) * slot;
  const bins = h.bins.length > 0 ? `; bins of ${formatClock(h.binMs)}` : '; none recovered';
  const title = `Time to recover from detection, over ${s.recovery.n} seeds with impact${h.noImpact > 0 ? ` (${h.noImpact} had none)` : ''}${bins}`;
  const labels = new LabelSpace({ x1: 0, x2: WIDTH, y1: 0, y2: HEIGHT });
  labels.reserve(LEFT, LEFT + title.length * 7.8, 0, 18);
  const out: string[] = [
    `<svg class="chart histogram" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Recovery time over seeds" xmlns="http://www.w3.org/2000/svg">`,
    `<text class="chart-title" x="${LEFT}" y="14">${escapeXml(title)}</text>`,
  ];
  bars.forEach((b, i) => {
    const barH = (b.n / most) * plotH;
    out.push(
      `<g class="bin ${b.late ? 'late' : 'in-time'}${i === h.bins.length ? ' never' : ''}"><title>${escapeXml(`${b.tip}: ${b.n} seeds`)}</title>` +
        `<rect x="${px(LEFT + i * slot + 1)}" y="${px(TOP + plotH - barH)}" width="${px(Math.max(1, slot - 2))}" height="${px(barH)}"/></g>`,
    );
  });
  const every = Math.max(1, Math.ceil(h.bins.length / TICKS));
  for (let i = 0; h.bins.length > 0 && i <= h.bins.length; i += every) tick(out, labels, formatClock(h.fromMs + i * h.binMs), x(h.fromMs + i * h.binMs), 'middle');
  if (h.never > 0) tick(out, labels, 'never', LEFT + (h.bins.length + 0.5) * slot, 'middle');
  const lines: { ms: number | null; cls: string; label: string }[] = [
    { ms: s.recovery.p50Ms, cls: 'percentile', label: `p50 ${s.recovery.p50Ms === null ? '' : formatClock(s.recovery.p50Ms)}` },
    { ms: s.recovery.p95Ms, cls: 'percentile', label: `p95 ${s.recovery.p95Ms === null ? '' : formatClock(s.recovery.p95Ms)}` },
    { ms: targetMs, cls: 'deadline', label: `target ${formatClock(targetMs)}` },
  ];
  for (const l of lines) {
    if (l.ms === null) continue;
    if (l.ms < h.fromMs || l.ms > endMs) {
      // Off the axis: point to where it lies instead of stretching the bins to reach it.
      const right = l.ms > endMs;
      const at = right ? LEFT + h.bins.length * slot : LEFT;
      const spot = labels.place(`${right ? '' : '← '}${l.label}${right ? ' →' : ''}`, [{ x: at, y: TOP - 6, anchor: right ? 'end' : 'start' }, { x: at, y: TOP - 19, anchor: right ? 'end' : 'start' }]);
      if (spot) out.push(`<text class="${l.cls}-label" x="${px(spot.x)}" y="${px(spot.y)}" text-anchor="${spot.anchor}">${escapeXml(`${right ? '' : '← '}${l.label}${right ? ' →' : ''}`)}</text>`);
      continue;
    }
    const lx = x(l.ms);
    out.push(`<line class="${l.cls}" x1="${px(lx)}" x2="${px(lx)}" y1="${TOP - 4}" y2="${TOP + plotH}"/>`);
    const spots: Spot[] = [TOP - 6, TOP - 19].flatMap((y) => [{ x: lx + 4, y, anchor: 'start' as const }, { x: lx - 4, y, anchor: 'end' as const }]);
    const spot = labels.place(l.label, spots);
    if (spot) out.push(`<text class="${l.cls}-label" x="${px(spot.x)}" y="${px(spot.y)}" text-anchor="${spot.anchor}">${escapeXml(l.label)}</text>`);
  }
  // Bin counts come last: a count that has no room is left to the bar's tooltip, never a percentile.
  bars.forEach((b, i) => {
    const spot = b.n > 0 ? labels.place(String(b.n), [{ x: LEFT + i * slot + slot / 2, y: TOP + plotH - (b.n / most) * plotH - 3, anchor: 'middle' }], 6) : null;
    if (spot) out.push(`<text class="bin-count" x="${px(spot.x)}" y="${px(spot.y)}" text-anchor="middle">${escapeXml(b.n)}</text>`);
  });
  out.push(`<line class="axis" x1="${LEFT}" x2="${LEFT + plotW}" y1="${TOP + plotH}" y2="${TOP + plotH}"/>`);
  out.push('</svg>');
  return out.join('\n');
}

function tick(out: string[], labels: LabelSpace, text: string, at: number, anchor: Spot['anchor']): void {
  const spot = labels.place(text, [{ x: at, y: HEIGHT - 16, anchor }]);
  if (spot) out.push(`<text class="tick" x="${px(spot.x)}" y="${px(spot.y)}" text-anchor="${spot.anchor}">${escapeXml(text)}</text>`);
}
