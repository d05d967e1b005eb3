import { inertStrings } from '../core/inert.js';
import { formatClock } from '../core/monitors.js';
import type { DrillResult } from '../core/result.js';
import type { ScenarioMeta } from '../formats/scenario.js';
import { notScoredExplained, scoreLine } from './score-line.js';
import { outcomeWords, recoveryCountedFrom, recoveryMoments } from './outcome.js';
import { whatBecameOf } from './action-words.js';
import { replayJournalCommand } from './sweep/header.js';

/** What the debrief is written from: the team's drill, the best play on the same seed, and the people. */
export interface DebriefInput {
  meta: ScenarioMeta;
  result: DrillResult;
  /** The reference playbook's drill on the same seed, when the scenario names one. */
  reference?: { name: string; result: DrillResult };
  hints: { index: number; tMs: number; by: string; text: string }[];
  injects: { id: string; tMs: number; description: string }[];
  /** How the drill ended when a person ended it. */
  endedBy?: string;
  journalPath?: string;
  reportPaths?: string[];
}

/** A time of the table; where no SLO broke there was nothing to detect or recover from: a dash, not "never". */
const time = (ms: number | null, of: DrillResult): string => (ms !== null ? formatClock(ms) : of.impactStartMs === null ? '—' : 'never');

/** The debrief as lines of text, for the screen and for the facilitator to paste into notes. */
export function debriefLines(input: DebriefInput): string[] {
  return debrief(inertStrings(input));
}

function debrief(input: DebriefInput): string[] {
  const { meta, result: r, reference } = input;
  const lines: string[] = [];
  const verdict = r.verdict === 'PASS' ? 'PASS ✓' : 'FAIL ✗';
  lines.push(`${verdict}  ${outcomeWords(r)} (target ${formatClock(r.targetMs)})   ${scoreLine(r)}${input.endedBy ? `   ended by ${input.endedBy}` : ''}`);
  lines.push('');
  lines.push(`${'Times'.padEnd(30)}team        best play`);
  const row = (label: string, team: number | null, best: number | null | undefined): string =>
    `  ${label.padEnd(28)}${time(team, r).padEnd(12)}${reference ? time(best ?? null, reference.result) : ''}`;
  lines.push(row('detect (after impact)', r.detectMs, reference?.result.detectMs));
  lines.push(row('mitigate (after detection)', r.mitigateMs, reference?.result.mitigateMs));
  lines.push(row(`recover (after ${recoveryCountedFrom(r)})`, r.recoverMs, reference?.result.recoverMs));
  const moments = recoveryMoments(r);
  if (moments) lines.push(`  on the drill's clock: ${moments}`);
  if (reference) lines.push(`  best play: ${reference.name} on the same seed${input.injects.length > 0 ? ' and the same injects' : ''}: ${reference.result.verdict}, ${outcomeWords(reference.result)}, ${scoreLine(reference.result)}`);
  lines.push('');
  lines.push(r.verdict === 'PASS' ? 'Result' : 'Why');
  for (const reason of r.reasons) lines.push(`  - ${reason}`);
  if (r.missingGuardrails.length > 0) {
    lines.push('  Guardrails that would have prevented it:');
    for (const g of r.missingGuardrails) lines.push(`  - ${g}`);
  }
  if (r.score === null) {
    lines.push('');
    lines.push('Score');
    lines.push(`  not scored: ${notScoredExplained(r)}`);
  } else if (r.penalties.length > 0) {
    lines.push('');
    lines.push('Score');
    for (const p of r.penalties) lines.push(`  -${String(p.points).padEnd(4)} ${p.explain}`);
  }
  lines.push('');
  lines.push('Who did what');
  const byPerson = new Map<string, DrillResult['actions']>();
  for (const a of r.actions) byPerson.set(a.by, [...(byPerson.get(a.by) ?? []), a]);
  if (byPerson.size === 0) lines.push('  nobody ran a command');
  for (const [person, actions] of byPerson) {
    lines.push(`  ${person}`);
    for (const a of actions) lines.push(`    ${formatClock(a.atMs).padStart(7)}  ${a.command}  → ${whatBecameOf(a, r.actions)}`);
  }
  lines.push('');
  lines.push('Timeline: your commands against what the world did');
  for (const e of r.timeline) lines.push(`  ${formatClock(e.tMs).padStart(7)}  ${e.kind.padEnd(13)} ${e.text}`);
  if (reference) {
    lines.push('');
    lines.push(`The best play (${reference.name})`);
    for (const a of reference.result.actions) lines.push(`  ${formatClock(a.atMs).padStart(7)}  ${a.command}  → ${a.status}`);
    if (reference.result.actions.length === 0) lines.push('  it ran no command: the system recovered without one');
  }
  lines.push('');
  lines.push(`Hints used: ${input.hints.length === 0 ? 'none' : input.hints.length}`);
  for (const h of input.hints) lines.push(`  ${formatClock(h.tMs).padStart(7)}  hint ${h.index + 1} (${h.by}): ${h.text}`);
  if (input.injects.length > 0) {
    lines.push('Injects fired');
    for (const i of input.injects) lines.push(`  ${formatClock(i.tMs).padStart(7)}  ${i.id}: ${i.description}`);
  }
  lines.push('');
  lines.push('Lesson');
  for (const l of meta.lesson.trim().split('\n')) lines.push(`  ${l.trim()}`);
  lines.push(`  Source: ${meta.source.incident}`);
  lines.push(...fileLines(input));
  return lines;
}

/**
 * Where the drill is kept, and the command that replays it: each path and the command on a
 * line of their own, so a screen or a terminal never breaks one across lines.
 */
function fileLines(input: DebriefInput): string[] {
  const reports = input.reportPaths ?? [];
  if (!input.journalPath && reports.length === 0) return [];
  const lines = ['', input.journalPath ? 'The journal and the reports' : 'The reports'];
  for (const p of [...(input.journalPath ? [input.journalPath] : []), ...reports]) lines.push(`  ${p}`);
  if (input.journalPath) lines.push('', 'Replay it, checking it comes to the same result:', `    ${replayJournalCommand(input.journalPath)}`);
  return lines;
}
