import { formatClock } from '../../core/monitors.js';
import type { CaseSummary } from '../sweep/summary.js';
import { escapeXml } from '../xml.js';
import { px } from './scale.js';

const WIDTH = 920;
const HEIGHT = 170;
const LEFT = 66;
const RIGHT = 18;
const TOP = 24;
const BOTTOM = 34;

/**
 * How recovery times spread over the seeds: one bar per tenth of the target, then bars for
 * "later" and "never", with the target marked. A playbook that passes only by luck shows a
 * tail crowding the line.
 */
export function recoveryHistogram(s: CaseSummary, targetMs: number): string {
  const h = s.histogram;
  const bars = [
    ...h.bins.map((n, i) => ({ n, label: i % 5 === 0 ? formatClock(i * h.binMs) : '', late: (i + 1) * h.binMs > targetMs, tip: `${formatClock(i * h.binMs)}-${formatClock((i + 1) * h.binMs)}` })),
    { n: h.later, label: 'later', late: true, tip: `after ${formatClock(h.bins.length * h.binMs)}` },
    { n: h.never, label: 'never', late: true, tip: 'never recovered' },
  ];
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = plotW / bars.length;
  const most = Math.max(1, ...bars.map((b) => b.n));
  const out: string[] = [
    `<svg class="chart histogram" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Recovery time over seeds" xmlns="http://www.w3.org/2000/svg">`,
    `<text class="chart-title" x="${LEFT}" y="14">${escapeXml(`Time to recover, over ${s.recovery.n} seeds with impact${h.noImpact > 0 ? ` (${h.noImpact} had none)` : ''}`)}</text>`,
  ];
  bars.forEach((b, i) => {
    const barH = (b.n / most) * plotH;
    const x = LEFT + i * slot;
    out.push(
      `<g class="bin ${b.late ? 'late' : 'in-time'}"><title>${escapeXml(`${b.tip}: ${b.n} seeds`)}</title>` +
        `<rect x="${px(x + 1)}" y="${px(TOP + plotH - barH)}" width="${px(slot - 2)}" height="${px(barH)}"/></g>`,
    );
    if (b.n > 0) out.push(`<text class="bin-count" x="${px(x + slot / 2)}" y="${px(TOP + plotH - barH - 3)}" text-anchor="middle">${escapeXml(b.n)}</text>`);
    if (b.label) out.push(`<text class="tick" x="${px(i < h.bins.length ? x : x + slot / 2)}" y="${HEIGHT - 18}" text-anchor="${i < h.bins.length ? 'start' : 'middle'}">${escapeXml(b.label)}</text>`);
  });
  const targetX = LEFT + (targetMs / h.binMs) * slot;
  out.push(`<line class="deadline" x1="${px(targetX)}" x2="${px(targetX)}" y1="${TOP - 6}" y2="${TOP + plotH}"/>`);
  out.push(`<text class="deadline-label" x="${px(targetX + 4)}" y="${TOP + 4}">${escapeXml(`target ${formatClock(targetMs)}`)}</text>`);
  out.push(`<line class="axis" x1="${LEFT}" x2="${LEFT + plotW}" y1="${TOP + plotH}" y2="${TOP + plotH}"/>`);
  out.push(`<text class="tick" x="${LEFT}" y="${HEIGHT - 4}">time to recover from detection</text>`);
  out.push('</svg>');
  return out.join('\n');
}
