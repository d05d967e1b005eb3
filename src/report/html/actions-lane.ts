import { formatClock } from '../../core/monitors.js';
import { supersedingAction, whatBecameOf } from '../action-words.js';
import type { Report } from '../report.js';
import { escapeAttr, escapeXml } from '../xml.js';
import { CHART_WIDTH } from './chart.js';
import { px } from './scale.js';

const LEFT = 66;
const RIGHT = 18;
const ROW = 20;
const MAX_ROWS = 40;
const CHAR_PX = 6.4;

const STATUS_CLASS: Record<string, string> = { done: 'done', failed: 'failed', rejected: 'failed', running: 'running' };

/**
 * The operator actions of a drill as bars on the charts' time axis, from when each was issued
 * to when it finished, coloured by how it ended: a facilitator sees what ran in parallel, what
 * took long, and what failed, against the same clock as the metrics above.
 */
export function actionsLane(r: Report, endMs: number): string {
  const actions = r.actions.slice(0, MAX_ROWS);
  if (actions.length === 0) return '';
  const plotW = CHART_WIDTH - LEFT - RIGHT;
  const x = (t: number): number => LEFT + (Math.min(t, endMs) / endMs) * plotW;
  const height = actions.length * ROW + 24;
  const out: string[] = [
    `<svg class="chart lane" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="Actions over time" xmlns="http://www.w3.org/2000/svg">`,
    `<text class="chart-title" x="${LEFT}" y="14">Actions</text>`,
  ];
  actions.forEach((a, i) => {
    const top = 22 + i * ROW;
    const from = x(a.atMs);
    const to = Math.max(from + 3, x(a.endMs ?? endMs));
    const label = `${i + 1}  ${a.command}`;
    const labelW = label.length * CHAR_PX;
    const after = to + 6 + labelW <= CHART_WIDTH - 4;
    const lx = after ? to + 6 : Math.max(2, from - 6 - labelW);
    const took = a.endMs === null ? 'still running at the end' : `took ${formatClock(a.endMs - a.atMs)}`;
    const superseded = supersedingAction(a, r.actions) !== undefined;
    const status = superseded ? 'superseded' : (STATUS_CLASS[a.status] ?? 'running');
    out.push(
      `<g class="action ${status}" data-action="${i + 1}"><title>${escapeXml(`${formatClock(a.atMs)} ${a.command}: ${whatBecameOf(a, r.actions)}; ${took}`)}</title>` +
        `<rect x="${px(from)}" y="${top}" width="${px(to - from)}" height="${ROW - 6}" rx="3"/>` +
        `<text x="${px(lx)}" y="${top + ROW - 10}">${escapeXml(label)}</text></g>`,
    );
  });
  if (r.actions.length > MAX_ROWS) out.push(`<text class="tick" x="${LEFT}" y="${height - 4}">${escapeAttr(`and ${r.actions.length - MAX_ROWS} more in the timeline`)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}
