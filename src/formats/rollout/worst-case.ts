import type { AlertSpec, CanarySpec, Controller, MeasurementSpec, SteppedStep } from '../controller.js';
import { longestRangeMs } from './promql.js';
import { durationText } from './imported.js';

/** One term of a worst case: how long, and why (null: never). */
export interface Term {
  ms: number | null;
  why: string;
}

/**
 * The worst case of one signal of a config, by arithmetic alone: the time from a bad release
 * taking traffic to the first sign the controller sees (a failed measurement or check, a page),
 * and on to the abort, as a sum of terms.
 */
export interface WorstCase {
  signal: string;
  /** Terms to the first sign; then the terms from there to the abort or page. */
  toDetect: Term[];
  toAct: Term[];
  /** What it comes to: an abort, a rollback, or a page (which is not yet a rollback). */
  ends: 'abort' | 'rollback' | 'page';
  totalMs: number | null;
  detectMs: number | null;
  notes: string[];
}

export function sum(terms: readonly Term[]): number | null {
  let ms = 0;
  for (const t of terms) {
    if (t.ms === null) return null;
    ms += t.ms;
  }
  return ms;
}

/** Every signal's worst case: each metric of each analysis, each check, each alert. */
export function worstCases(controller: Controller): WorstCase[] {
  const out: WorstCase[] = [];
  const canary = controller.canary;
  if (canary?.kind === 'stepped') out.push(...steppedCases(canary, controller.analyses));
  if (canary?.kind === 'checked') out.push(...checkedCases(canary));
  for (const alert of controller.alerts) out.push(alertCase(alert));
  return out;
}

function finish(c: Omit<WorstCase, 'totalMs' | 'detectMs'>): WorstCase {
  return { ...c, detectMs: sum(c.toDetect), totalMs: sum([...c.toDetect, ...c.toAct]) };
}

/** Time to reach a step from the start of the rollout: its pauses, and inline analyses that pass. */
function timeToStep(steps: readonly SteppedStep[], index: number, analyses: Record<string, MeasurementSpec[]>): Term {
  let ms = 0;
  for (const s of steps.slice(0, index)) {
    if (s.kind === 'pause') {
      if (s.ms === null) return { ms: null, why: `a pause with no duration comes first: the analysis starts only once a person resumes the rollout` };
      ms += s.ms;
    }
    if (s.kind === 'analysis') {
      const runs = s.analyses.flatMap((n) => analyses[n] ?? []);
      const longest = Math.max(0, ...runs.map((m) => (m.count === null ? Infinity : m.initialDelayMs + (m.count - 1) * (m.everyMs ?? 0))));
      if (!Number.isFinite(longest)) return { ms: null, why: 'an inline analysis with no count comes first: it never completes' };
      ms += longest;
    }
  }
  return { ms, why: index === 0 ? 'the analysis starts with the rollout' : `the analysis starts at step ${index + 1}, after the steps before it` };
}

/**
 * Argo Rollouts: measurements at initialDelay, then every interval; the run fails when failed
 * measurements exceed failureLimit (analysis/analysis.go), so a metric failing from its first
 * measurement aborts failureLimit intervals after it.
 */
function steppedCases(canary: Extract<CanarySpec, { kind: 'stepped' }>, analyses: Record<string, MeasurementSpec[]>): WorstCase[] {
  const out: WorstCase[] = [];
  const runs: { label: string; names: string[]; start: Term }[] = [];
  if (canary.background) runs.push({ label: 'background analysis', names: canary.background.analyses, start: timeToStep(canary.steps, canary.background.fromStep, analyses) });
  canary.steps.forEach((s, i) => {
    if (s.kind === 'analysis') runs.push({ label: `inline analysis at step ${i + 1}`, names: s.analyses, start: timeToStep(canary.steps, i, analyses) });
  });
  for (const run of runs) {
    for (const m of run.names.flatMap((n) => analyses[n] ?? [])) {
      const notes: string[] = [];
      const window = longestRangeMs(m.query.expr);
      if (window > 0) notes.push(`its query reads a ${durationText(window)} window: a small regression can take up to that long to fail a measurement`);
      if (m.dryRun) notes.push('dry-run: measured, never aborts');
      out.push(
        finish({
          signal: `${run.label} ${run.names.join('+')}, metric ${m.name}`,
          toDetect: [run.start, { ms: m.initialDelayMs, why: `initialDelay ${durationText(m.initialDelayMs)}: the first measurement` }],
          toAct: [abortTerm(m)],
          ends: 'abort',
          notes,
        }),
      );
    }
  }
  return out;
}

function abortTerm(m: MeasurementSpec): Term {
  if (m.dryRun) return { ms: null, why: 'a dry-run metric never aborts the rollout' };
  if (m.failureLimit < 0) return { ms: null, why: 'failureLimit -1: failed measurements never fail the run' };
  const measurements = m.count ?? Infinity;
  if (measurements <= m.failureLimit) return { ms: null, why: `count ${m.count} is not more than failureLimit ${m.failureLimit}: the run can never fail` };
  if (m.failureLimit === 0) return { ms: 0, why: 'failureLimit 0: the first failed measurement fails the run' };
  if (m.everyMs === null) return { ms: null, why: `one measurement, failureLimit ${m.failureLimit}: the run can never fail` };
  return { ms: m.failureLimit * m.everyMs, why: `failureLimit ${m.failureLimit}: the run fails on failed measurement ${m.failureLimit + 1}, ${m.failureLimit} × ${durationText(m.everyMs)} after the first` };
}

/**
 * Flagger: the canary takes traffic at its first weight; the next tick, one interval later,
 * runs the first checks; the rollback comes threshold intervals after the first failed check
 * (docs/gitbook/usage/deployment-strategies.md: "interval * threshold").
 */
function checkedCases(canary: Extract<CanarySpec, { kind: 'checked' }>): WorstCase[] {
  const every = durationText(canary.everyMs);
  const closed = canary.gates.filter((g) => !g.open);
  return canary.checks.map((c) => {
    const window = longestRangeMs(c.query.expr);
    const notes = window > canary.everyMs ? [`its query reads a ${durationText(window)} window, longer than the interval: a check can pass on traffic from before the canary`] : [];
    if (closed.length > 0) notes.push(`closed gates ${closed.map((g) => g.name).join(', ')} halt the canary until a person opens them`);
    return finish({
      signal: `check ${c.name}`,
      toDetect: [{ ms: canary.everyMs, why: `the first check, one interval (${every}) after the canary takes traffic` }],
      toAct: [{ ms: canary.failedChecks * canary.everyMs, why: `threshold ${canary.failedChecks}: rollback ${canary.failedChecks} × ${every} after the first failed check (interval × threshold)` }],
      ends: 'rollback',
      notes,
    });
  });
}

/**
 * Prometheus: a rate over a window moves fully only once the window has filled; the group
 * notices at its next evaluation; the alert fires once the expression has held for `for`.
 */
function alertCase(a: AlertSpec): WorstCase {
  const window = longestRangeMs(a.query.expr);
  return finish({
    signal: `alert ${a.name}`,
    toDetect: [
      { ms: window, why: window > 0 ? `the query's ${durationText(window)} window fills with the new traffic` : 'no range in the query' },
      { ms: a.everyMs, why: `the group evaluates every ${durationText(a.everyMs)}: up to one interval until it sees the change` },
      { ms: a.forMs, why: a.forMs > 0 ? `for: ${durationText(a.forMs)} of pending before it fires` : 'no for: it fires on the first evaluation that sees it' },
    ],
    toAct: [],
    ends: 'page',
    notes: ['a page is not a rollback: someone (or a playbook) still has to act on it'],
  });
}
