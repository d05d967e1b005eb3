import { counted } from '../../core/counted.js';
import { formatClock } from '../../core/monitors.js';
import { outcomeWords } from '../outcome.js';
import type { SweepHeader } from './header.js';
import type { DrillRecord } from './record.js';
import type { CaseStatus, CaseSummary, Interruption, SweepSummary, TimeStats } from './summary.js';

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

const ONE_DRILL: Record<CaseStatus, string> = {
  passed: 'the drill met its target',
  failed: 'the drill missed its target',
  'expected-miss': 'the drill missed its target, as expected',
  'unexpected-pass': 'the drill met its target, though expected to miss it',
};

/**
 * The run's drills in one line, every count with its unit: drills for what drills did, cases (a
 * scenario with a playbook, over the seeds) for what cases did. "4200 of 4800 drills met the
 * target (87.5%); 1 of 24 cases missed it at least once; 600 drills of 3 cases missed it as
 * expected". Every format says it in these words.
 */
export function drillsLine(s: SweepSummary): string {
  if (s.drills === 0) return 'no drill ran';
  const count = (status: CaseStatus): number => s.cases.filter((c) => c.drills > 0 && c.status === status).length;
  if (s.drills === 1) {
    const status = s.cases.find((c) => c.drills > 0)?.status ?? (s.passed === 1 ? 'passed' : 'failed');
    return ONE_DRILL[status];
  }
  const drills = `${s.passed} of ${s.drills} drills met the target (${percent(s.passed / s.drills)})`;
  const parts = [drills];
  if (count('failed') > 0) parts.push(`${count('failed')} of ${counted(s.cases.length, 'case')} missed it at least once`);
  const listed = s.cases.filter((c) => c.status === 'expected-miss' || c.status === 'unexpected-pass');
  const missed = listed.filter((c) => c.failed > 0).length;
  if (s.expectedMisses > 0) parts.push(`${counted(s.expectedMisses, 'drill')} of ${counted(missed, 'case')} missed it as expected`);
  if (s.unexpectedPasses > 0) parts.push(`${counted(s.unexpectedPasses, 'drill')} of ${counted(count('unexpected-pass'), 'case')} met it though expected to miss`);
  return parts.join('; ');
}

/** A case's status in words, as the tables of every format show it. */
export const CASE_STATUS_WORDS: Record<CaseStatus, string> = {
  failed: 'FAIL',
  'unexpected-pass': 'UNEXPECTED PASS',
  'expected-miss': 'EXPECTED MISS',
  passed: 'PASS',
};

const CASE_RANK: Record<CaseStatus, number> = { failed: 0, 'unexpected-pass': 1, 'expected-miss': 2, passed: 3 };

/** The cases' indices, failures first (then unexpected passes, expected misses, passes), otherwise in run order. */
export function casesFailuresFirst(s: Pick<SweepSummary, 'cases'>): number[] {
  return s.cases.map((_, i) => i).sort((a, b) => CASE_RANK[s.cases[a]!.status] - CASE_RANK[s.cases[b]!.status] || a - b);
}

/** Why an expected miss is listed, and where: the line every format shows for it. */
export function expectedLine(c: Pick<CaseSummary, 'status' | 'passed' | 'drills'>, expected: { reason: string; listedAt: string }): string {
  if (c.status === 'unexpected-pass') {
    const met = c.drills === 1 ? 'the drill met its target' : `${c.passed} of ${c.drills} drills met the target`;
    return `listed as an expected miss (${expected.reason}), but ${met}: remove it from ${expected.listedAt}`;
  }
  return `missed as expected: ${expected.reason} (listed in ${expected.listedAt})`;
}

/** One drill's outcome in a few words: "no SLO broken", "not recovered (target 5:00)", "recovered 8:01 after detection (target 5:00)". */
export function outcome(r: Pick<DrillRecord, 'impactStartMs' | 'detectMs' | 'recoverMs'>, targetMs: number): string {
  const words = outcomeWords(r);
  return r.impactStartMs === null ? words : `${words} (target ${formatClock(targetMs)})`;
}

/** Why a drill missed, in one line: its outcome, or the first reason when the time was fine. */
export function missHeadline(r: Pick<DrillRecord, 'impactStartMs' | 'detectMs' | 'recoverMs' | 'reasons'>, targetMs: number): string {
  const inTime = r.impactStartMs === null || (r.recoverMs !== null && r.recoverMs <= targetMs);
  if (inTime && r.reasons && r.reasons.length > 0) return r.reasons[0]!;
  return outcome(r, targetMs);
}
