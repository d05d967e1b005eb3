import { formatClock } from '../../core/monitors.js';
import type { SweepHeader } from './header.js';
import type { DrillRecord } from './record.js';
import type { CaseSummary, Interruption, SweepSummary, TimeStats } from './summary.js';

/** How figures read in every format, so the terminal, Markdown, JUnit and HTML agree. */

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** A time statistic: "-" when no drill had impact, "never" when the percentile never came. */
export function timeFigure(t: TimeStats, value: number | null): string {
  if (t.n === 0) return '-';
  return value === null ? 'never' : formatClock(value);
}

export function metTarget(c: CaseSummary): string {
  return `${c.passed}/${c.drills} (${percent(c.passRate)})`;
}

export function seedsText(h: SweepHeader): string {
  return h.seeds.first === h.seeds.last ? `seed ${h.seeds.first}` : `seeds ${h.seeds.first}-${h.seeds.last}`;
}

/** "unified-release-rollback on 5 scenarios", or the pairs when each scenario has its own playbook. */
export function runTitle(h: SweepHeader): string {
  const playbooks = [...new Set(h.cases.map((c) => c.playbook))];
  const scenarios = new Set(h.cases.map((c) => c.scenario)).size;
  const what = scenarios === 1 ? h.cases[0]!.scenario : `${scenarios} scenarios`;
  if (playbooks.length === 1) return `${playbooks[0]} on ${what}`;
  if (scenarios === 1) return `${playbooks.join(' vs ')} on ${what}`;
  return `${what}, each with its own playbook`;
}

/** The run's status in one word, as every format shows it: PASS, FAIL or INTERRUPTED. */
export function statusWord(s: Pick<SweepSummary, 'status'>): string {
  return s.status === 'passed' ? 'PASS' : s.status === 'failed' ? 'FAIL' : 'INTERRUPTED';
}

export function verdictLine(s: SweepSummary): string {
  if (s.interrupted) return `${interruptionLine(s.interrupted, s.drills)}: ${drillsLine(s)}`;
  return drillsLine(s);
}

/** "interrupted by SIGINT after 100 of 48000 drills", and the drills abandoned, if any. */
export function interruptionLine(i: Interruption, finished: number): string {
  const abandoned = i.abandoned ? `, ${i.abandoned} more abandoned while running` : '';
  return `interrupted by ${i.signal} after ${finished} of ${i.planned} drills${abandoned}`;
}

function drillsLine(s: SweepSummary): string {
  if (s.drills === 0) return 'no drill ran';
  if (s.drills === 1) return s.passed === 1 ? 'the drill met its target' : 'the drill missed its target';
  const missedCases = s.cases.filter((c) => c.failed > 0).length;
  const drills = `${s.passed} of ${s.drills} ${s.drills === 1 ? 'drill' : 'drills'} met the target (${percent(s.drills === 0 ? 0 : s.passed / s.drills)})`;
  if (missedCases === 0) return drills;
  return `${drills}; ${missedCases} of ${s.cases.length} ${s.cases.length === 1 ? 'case' : 'cases'} missed it at least once`;
}

/** One drill's outcome in a few words: "not recovered", "recovered in 8:01 (target 5:00)". */
export function outcome(r: Pick<DrillRecord, 'impactStartMs' | 'recoverMs'>, targetMs: number): string {
  if (r.impactStartMs === null) return 'no impact';
  if (r.recoverMs === null) return `not recovered (target ${formatClock(targetMs)})`;
  return `recovered in ${formatClock(r.recoverMs)} (target ${formatClock(targetMs)})`;
}

/** Why a drill missed, in one line: its outcome, or the first reason when the time was fine. */
export function missHeadline(r: DrillRecord, targetMs: number): string {
  const inTime = r.impactStartMs === null || (r.recoverMs !== null && r.recoverMs <= targetMs);
  if (inTime && r.reasons && r.reasons.length > 0) return r.reasons[0]!;
  return outcome(r, targetMs);
}
