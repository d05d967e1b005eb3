import { inertStrings } from '../core/inert.js';
import { formatClock } from '../core/monitors.js';
import { percent, timeFigure } from './sweep/figures.js';
import type { RecordCounts } from './sweep/record.js';
import type { CaseSummary, TimeStats } from './sweep/summary.js';
import { PLAIN, type TextStyle } from './text.js';

/** One line of a comparison: the two values as shown, their difference (B - A), and which is better. */
export interface CompareRow {
  metric: string;
  a: string;
  b: string;
  difference: string;
  better: 'a' | 'b' | null;
}

export interface Comparison {
  scenario: string;
  playbooks: [string, string];
  rows: CompareRow[];
  /** The playbook that met the target on more seeds; null on a tie. */
  moreOften: string | null;
  conclusion: string;
  summaries: [CaseSummary, CaseSummary];
}

const signed = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Number(Math.abs(x).toFixed(2))}`;

/** Lower is better for times; a time that never came is worse than any that did. */
function timeRow(metric: string, ta: TimeStats, tb: TimeStats, pick: (t: TimeStats) => number | null): CompareRow {
  const va = pick(ta);
  const vb = pick(tb);
  const key = (t: TimeStats, v: number | null): number => (t.n === 0 ? -1 : (v ?? Number.POSITIVE_INFINITY));
  const ka = key(ta, va);
  const kb = key(tb, vb);
  const both = ta.n > 0 && tb.n > 0 && va !== null && vb !== null;
  const diff = both ? `${vb! >= va! ? '+' : '−'}${formatClock(Math.abs(vb! - va!))}` : '';
  return { metric, a: timeFigure(ta, va), b: timeFigure(tb, vb), difference: diff, better: ka === kb ? null : ka < kb ? 'a' : 'b' };
}

function meanRow(metric: string, a: number | undefined, b: number | undefined, lowerIsBetter: boolean | null): CompareRow {
  const show = (x: number | undefined): string => (x === undefined ? '-' : String(x));
  const both = a !== undefined && b !== undefined;
  const better = !both || a === b || lowerIsBetter === null ? null : (a < b) === lowerIsBetter ? 'a' : 'b';
  return { metric, a: show(a), b: show(b), difference: both ? signed(b - a) : '', better };
}

const COUNT_ROWS: [keyof RecordCounts, string, boolean | null][] = [
  ['usersAffected', 'users affected (mean)', true],
  ['userMinutes', 'user-minutes of impact (mean)', true],
  ['failedRequests', 'failed requests (mean)', true],
  ['badResponses', 'bad responses (mean)', true],
  ['rowsLost', 'rows lost (mean)', true],
  ['irreversibleSideEffects', 'irreversible side effects (mean)', true],
  ['unstableStates', 'unstable states entered (mean)', true],
  ['unnecessaryRollbacks', 'unnecessary rollbacks (mean)', true],
  ['actionsTaken', 'actions taken (mean)', null],
  ['actionsFailed', 'actions failed (mean)', true],
];

/** Two playbooks on one scenario over the same seeds, metric by metric. */
export function compare(a: CaseSummary, b: CaseSummary): Comparison {
  const rows: CompareRow[] = [
    {
      metric: 'met the target',
      a: `${a.passed}/${a.drills} (${percent(a.passRate)})`,
      b: `${b.passed}/${b.drills} (${percent(b.passRate)})`,
      difference: `${signed((b.passRate - a.passRate) * 100)} pts`,
      better: a.passRate === b.passRate ? null : a.passRate > b.passRate ? 'a' : 'b',
    },
    timeRow('recovery p50', a.recovery, b.recovery, (t) => t.p50Ms),
    timeRow('recovery p95', a.recovery, b.recovery, (t) => t.p95Ms),
    timeRow('recovery max', a.recovery, b.recovery, (t) => t.maxMs),
    timeRow('detection p50', a.detect, b.detect, (t) => t.p50Ms),
    timeRow('mitigation p50', a.mitigate, b.mitigate, (t) => t.p50Ms),
    meanRow('score (mean)', a.score?.mean, b.score?.mean, false),
    ...COUNT_ROWS.map(([k, label, lower]) => meanRow(label, a.counts[k]?.mean, b.counts[k]?.mean, lower)),
  ];
  const moreOften = a.passed === b.passed ? null : a.passed > b.passed ? a.playbook : b.playbook;
  const [win, lose] = a.passed >= b.passed ? [a, b] : [b, a];
  const conclusion =
    moreOften === null
      ? `both meet the target on ${a.passed} of ${a.drills} seeds`
      : `${win.playbook} meets the target more often: on ${win.passed} of ${win.drills} seeds, against ${lose.passed} for ${lose.playbook}`;
  return { scenario: a.scenario, playbooks: [a.playbook, b.playbook], rows, moreOften, conclusion, summaries: [a, b] };
}

/** The comparison as a table: metric, A, B, B - A; the better value of each row marked. */
export function compareText(comparison: Comparison, seeds: string, style: TextStyle = PLAIN): string {
  const c = inertStrings(comparison);
  const header = ['', `A: ${c.playbooks[0]}`, `B: ${c.playbooks[1]}`, 'B - A'];
  const cells = c.rows.map((r) => [r.metric, `${r.a}${r.better === 'a' ? ' *' : ''}`, `${r.b}${r.better === 'b' ? ' *' : ''}`, r.difference]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('   ').trimEnd();
  const out = [style.bold(`${c.scenario}, ${seeds}`), '', style.dim(line(header)), ...cells.map(line), '', style.dim('* the better of the two'), ''];
  out.push(c.moreOften === null ? c.conclusion : style.verdict(c.conclusion, true));
  return `${out.join('\n')}\n`;
}
