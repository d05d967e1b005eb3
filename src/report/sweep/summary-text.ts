import { inertStrings } from '../../core/inert.js';
import { PLAIN, type TextStyle } from '../text.js';
import { CASE_STATUS_WORDS, casesFailuresFirst, expectedLine, metTarget, runTitle, seedsText, statusWord, timeFigure, verdictLine } from './figures.js';
import type { SweepHeader } from './header.js';
import type { SweepSummary } from './summary.js';

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** Scenarios skipped for the same missing names, together: usually one line for a whole folder. */
export function skippedByLack(h: SweepHeader): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const k of h.skipped) {
    const key = k.lacks.join(', ');
    groups.set(key, [...(groups.get(key) ?? []), k.scenario]);
  }
  return [...groups];
}

/** The summary of a sweep as a person reads it in a terminal or a CI log. */
export function sweepText(header: SweepHeader, summary: SweepSummary, style: TextStyle = PLAIN): string {
  // A merged result file may come from anywhere: its text is shown, never acted on.
  const h = inertStrings(header);
  const s = inertStrings(summary);
  const showPlaybook = new Set(h.cases.map((c) => c.playbook)).size > 1;
  const out: string[] = [];
  out.push(style.bold(`${runTitle(h)}, ${seedsText(h)}${h.shard ? `, shard ${h.shard.index}/${h.shard.count}` : ''} (${s.drills} drills)`));
  out.push('');
  const order = casesFailuresFirst(s);
  const rows = [['status', 'scenario', ...(showPlaybook ? ['playbook'] : []), 'met target', 'recovery p50', 'p95', 'max', 'worst seed']];
  for (const i of order) {
    const c = s.cases[i]!;
    rows.push([
      CASE_STATUS_WORDS[c.status],
      c.scenario,
      ...(showPlaybook ? [c.playbook] : []),
      metTarget(c),
      timeFigure(c.recovery, c.recovery.p50Ms),
      timeFigure(c.recovery, c.recovery.p95Ms),
      timeFigure(c.recovery, c.recovery.maxMs),
      c.worst ? String(c.worst.seed) : '-',
    ]);
  }
  const lines = table(rows);
  out.push(style.dim(lines[0]!));
  order.forEach((i, row) => {
    const c = s.cases[i]!;
    const line = lines[row + 1]!;
    out.push(c.status === 'failed' || c.status === 'unexpected-pass' ? style.verdict(line, false) : c.status === 'expected-miss' ? style.dim(line) : line);
  });
  const expected = order.filter((i) => h.cases[i]!.expectedMiss !== null && s.cases[i]!.drills > 0);
  if (expected.length > 0) {
    out.push('');
    out.push(style.bold('Expected misses'));
    for (const i of expected) {
      const c = s.cases[i]!;
      const text = `  ${c.scenario}${showPlaybook ? ` / ${c.playbook}` : ''}: ${expectedLine(c, h.cases[i]!.expectedMiss!)}`;
      out.push(c.status === 'unexpected-pass' ? style.verdict(text, false) : text);
    }
  }
  out.push('');
  out.push(style.bold('Worst seed of each case, and the command that replays it'));
  for (const i of order) {
    const c = s.cases[i]!;
    if (!c.worst) continue;
    out.push(`  ${c.scenario}${showPlaybook ? ` / ${c.playbook}` : ''}: seed ${c.worst.seed}, ${c.worst.verdict} ${c.worst.outcome}, score ${c.worst.score}`);
    out.push(style.dim(`    ${c.worst.replay}`));
  }
  if (h.skipped.length > 0) {
    out.push('');
    out.push(style.bold(`Not run: ${h.skipped.length} ${h.skipped.length === 1 ? 'scenario' : 'scenarios'} of the folder lack what the playbook names`));
    for (const [lacks, ids] of skippedByLack(h)) out.push(`  no ${lacks}: ${ids.join(', ')}`);
  }
  out.push('');
  out.push(`${style.verdict(statusWord(s), s.status === 'passed')}  ${verdictLine(s)}`);
  return `${out.join('\n')}\n`;
}
