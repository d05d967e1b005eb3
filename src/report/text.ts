import { counted } from '../core/counted.js';
import { inertLine, inertStrings } from '../core/inert.js';
import { formatClock } from '../core/monitors.js';
import { timesLines } from './times.js';
import { outcomeWords } from './outcome.js';
import type { Report } from './report.js';
import { notScoredExplained, scoreLine } from './score-line.js';

export interface TextStyle {
  verdict(text: string, pass: boolean): string;
  dim(text: string): string;
  bold(text: string): string;
}

export const PLAIN: TextStyle = { verdict: (t) => t, dim: (t) => t, bold: (t) => t };

/** The report as a person reads it in a terminal: verdict first, then why, then what happened. */
export function reportText(hostile: Report, replay: string, style: TextStyle = PLAIN): string {
  // Its text came from files: shown, never acted on by the terminal.
  const report = inertStrings(hostile);
  const pass = report.verdict === 'PASS';
  const lines: string[] = [];
  lines.push(style.bold(`${report.scenario}: ${report.title}`));
  lines.push(style.dim(`${report.playbook ? `playbook ${report.playbook}` : 'team drill'}, seed ${report.seed}`));
  lines.push('');
  lines.push(`${style.verdict(report.verdict, pass)}  ${outcomeWords(report)} (target ${formatClock(report.targetMs)})   ${scoreLine(report)}`);
  for (const line of timesLines(report)) lines.push(`  ${line}`);
  lines.push('');
  lines.push(style.bold(pass ? 'Result' : 'Why'));
  for (const r of report.reasons) lines.push(`  - ${r}`);
  if (report.missingGuardrails.length > 0) {
    lines.push('');
    lines.push(style.bold('Guardrails that would have prevented it'));
    for (const g of report.missingGuardrails) lines.push(`  - ${g}`);
  }
  lines.push('');
  lines.push(style.bold('Timeline'));
  for (const e of report.timeline) lines.push(`  ${formatClock(e.tMs).padStart(7)}  ${e.kind.padEnd(13)} ${e.text}`);
  if (report.score === null) {
    lines.push('');
    lines.push(style.bold('Score'));
    lines.push(`  not scored: ${notScoredExplained(report)}`);
  } else if (report.penalties.length > 0) {
    lines.push('');
    lines.push(style.bold('Score'));
    for (const p of report.penalties) lines.push(`  -${String(p.points).padEnd(5)} ${p.explain}`);
  }
  const c = report.counts;
  lines.push('');
  lines.push(
    style.dim(
      `${counted(c.usersAffected, 'user')} affected, ${counted(c.userMinutes, 'user-minute')}, ${counted(c.failedRequests, 'failed request')}, ${c.badResponses} bad and ${counted(c.slowResponses, 'slow response')} ` +
        `beyond the healthy baseline (raw: ${counted(c.raw.usersAffected, 'user')}, ${c.raw.failedRequests} failed, ${c.raw.badResponses} bad), ` +
        `${counted(c.rowsLost, 'row')} lost, ${counted(c.unstableStates.length, 'unstable state')}, ${counted(c.actionsTaken, 'action')}`,
    ),
  );
  // The command on a line of its own, to be copied whole.
  lines.push(style.dim('replay it:'), `  ${inertLine(replay)}`);
  return `${lines.join('\n')}\n`;
}
