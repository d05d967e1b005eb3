import { z } from 'zod';
import { ConditionError, parseCondition, type Cond } from './rollout/condition.js';
import { lineColumn, longestRangeMs, parsePromql, PromqlError, selectorsOf, typeOf, type PromExpr } from './rollout/promql.js';
import { emptySeriesMap, knownLabels, resolveName, seriesMapInput, type SeriesMap } from './rollout/series-names.js';
import type { Path, Problem, YamlSource } from './source.js';
import { MAX_CONTROLLER_ITEMS, MAX_QUERY_RANGE_MS, MIN_INTERVAL_MS } from './limits.js';
import { duration, share } from './units.js';

/**
 * A playbook can be a progressive delivery controller, as Argo Rollouts and Flagger are: it
 * moves the canary route itself and analyses it with queries over the drill's series. It can
 * also carry alerting rules, as Prometheus does. This file is the native form of both, which
 * `firedrill import` writes and the drill runs.
 */

const query = z.string().min(1);
/** Between measurements, checks or evaluations: at least the clock's tick. */
const interval = duration.refine((ms) => ms >= MIN_INTERVAL_MS, `expected at least ${MIN_INTERVAL_MS / 1000}s: the drill measures once a second at most`);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_CONTROLLER_ITEMS, `at most ${MAX_CONTROLLER_ITEMS} (the limit)`);
const measurement = z.strictObject({
  name: z.string().min(1).describe('The measurement\'s name, as reports show it.'),
  query: query.describe('A PromQL query over the drill\'s series.'),
  /** Between measurements; without it, one measurement. */
  every: interval.optional().describe('Time between measurements; without it, one measurement.'),
  /** Measurements in all; without it (and with `every`), until the rollout ends. */
  count: z.number().int().positive().optional().describe('Measurements in all; without it (and with every), until the rollout ends.'),
  initialDelay: duration.default(0).describe('How long to wait before the first measurement.'),
  successCondition: z.string().min(1).optional().describe('A condition on result (result[0] >= 0.95): the measurement succeeds when it holds.'),
  failureCondition: z.string().min(1).optional().describe('A condition on result: the measurement fails when it holds.'),
  failureLimit: z.number().int().min(-1).default(0).describe('Failed measurements allowed before the analysis fails (-1: it never fails).'),
  inconclusiveLimit: z.number().int().nonnegative().default(0).describe('Inconclusive measurements allowed before the analysis stops inconclusive.'),
  consecutiveErrorLimit: z.number().int().nonnegative().default(4).describe('Query errors in a row allowed before the analysis fails (4 by default).'),
  dryRun: z.boolean().default(false).describe('Measure and report, but never fail the rollout.'),
});

const steppedStep = z.union([
  z.strictObject({ weight: share.describe('Set the canary\'s share of users.') }),
  z.strictObject({ pause: z.union([z.literal('until-resumed'), duration]).describe('Hold this long, or until-resumed.') }),
  z.strictObject({ analysis: list(z.string().min(1)).min(1).describe('Run these analyses (under analyses); the rollout goes on once they succeed.') }),
]);

const stepped = z.strictObject({
  steps: list(steppedStep).min(1).describe('The canary\'s steps, as Argo Rollouts writes them: set a weight, pause, run an analysis.'),
  analysis: z
    .strictObject({
      run: list(z.string().min(1)).min(1).describe('The analyses (under analyses) it runs.'),
      fromStep: z.number().int().nonnegative().default(0).describe('The step it starts at (0 by default).'),
    })
    .optional()
    .describe('A background analysis, running through the steps: its failure aborts the rollout.'),
});

const gateKinds = ['confirm-rollout', 'confirm-traffic-increase', 'confirm-promotion'] as const;

const checked = z.strictObject({
  every: interval.describe('Time between checks, as Flagger\'s interval.'),
  failedChecks: z.number().int().positive().max(MAX_CONTROLLER_ITEMS).describe('Failed checks before the canary is rolled back, as Flagger\'s threshold.'),
  weights: list(share).min(1).describe('The canary\'s shares of users, one per step.'),
  checks: list(
    z.strictObject({
      name: z.string().min(1).describe('The check\'s name, as reports show it.'),
      query: query.describe('A PromQL query over the drill\'s series.'),
      min: z.number().optional().describe('The check fails below this.'),
      max: z.number().optional().describe('The check fails above this.'),
    }),
  )
    .default([])
    .describe('Metric checks run at every step.'),
  gates: list(
    z.strictObject({
      name: z.string().min(1).describe('The gate\'s name.'),
      on: z.enum(gateKinds).describe('What it is asked before: the rollout, each traffic increase, or the promotion.'),
      open: z.boolean().describe('Whether it lets the canary go on.'),
    }),
  )
    .default([])
    .describe('Gates asked before the canary moves, as Flagger\'s webhooks.'),
});

const alert = z.strictObject({
  name: z.string().min(1).describe('The alert\'s name.'),
  query: query.describe('A PromQL expression: the alert is pending while it returns a series.'),
  every: interval.default(60_000).describe('How often it is evaluated (1m by default).'),
  for: duration.default(0).describe('How long it must be pending before it fires.'),
  keepFiringFor: duration.default(0).describe('How long it keeps firing once its expression returns nothing.'),
  summary: z.string().optional().describe('What it means, in a line.'),
  runbook: z.string().optional().describe('Where its runbook is.'),
});

/** The controller sections a playbook may hold besides triggers and steps. */
export const controllerFields = {
  canary: z.union([stepped, checked]).optional().describe('A canary the playbook moves itself: in steps, as Argo Rollouts does, or checked at each weight, as Flagger does.'),
  analyses: z.record(z.string(), list(measurement).min(1)).optional().describe('Analyses by name, each a list of measurements, as Argo Rollouts\' analysis templates.'),
  alerts: list(alert).min(1).optional().describe('Alerting rules evaluated over the drill\'s series, as Prometheus does.'),
  series: seriesMapInput.optional().describe('How the metric and label names the queries use map onto the drill\'s series.'),
};

export interface QuerySpec {
  text: string;
  expr: PromExpr;
}

export interface MeasurementSpec {
  name: string;
  query: QuerySpec;
  everyMs: number | null;
  /** null: measures until the rollout ends. */
  count: number | null;
  initialDelayMs: number;
  success: { text: string; cond: Cond } | null;
  failure: { text: string; cond: Cond } | null;
  failureLimit: number;
  inconclusiveLimit: number;
  consecutiveErrorLimit: number;
  dryRun: boolean;
}

export type SteppedStep = { kind: 'weight'; weight: number } | { kind: 'pause'; ms: number | null } | { kind: 'analysis'; analyses: string[] };

export interface CheckSpec {
  name: string;
  query: QuerySpec;
  min: number | null;
  max: number | null;
}

export type CanarySpec =
  | { kind: 'stepped'; steps: SteppedStep[]; background: { analyses: string[]; fromStep: number } | null }
  | { kind: 'checked'; everyMs: number; failedChecks: number; weights: number[]; checks: CheckSpec[]; gates: { name: string; on: (typeof gateKinds)[number]; open: boolean }[] };

export interface AlertSpec {
  name: string;
  query: QuerySpec;
  everyMs: number;
  forMs: number;
  keepFiringForMs: number;
  summary: string | null;
  runbook: string | null;
}

export interface Controller {
  canary: CanarySpec | null;
  analyses: Record<string, MeasurementSpec[]>;
  alerts: AlertSpec[];
  series: SeriesMap;
  /** The longest range any query reads: how much history the drill keeps. */
  historyMs: number;
}

type Input = { [K in keyof typeof controllerFields]?: z.output<(typeof controllerFields)[K]> };

/** Compiles the controller sections, parsing every query and condition where it stands in the file. */
export function compileController(input: Input, source: YamlSource, problems: Problem[]): Controller | null {
  if (!input.canary && !input.alerts && !input.analyses) return null;
  const series = input.series ?? emptySeriesMap();
  const compiler = new QueryCompiler(source, problems, series);
  const analyses: Record<string, MeasurementSpec[]> = {};
  for (const [name, metrics] of Object.entries(input.analyses ?? {})) {
    analyses[name] = metrics.map((m, i) => compileMeasurement(m, ['analyses', name, i], compiler));
  }
  const canary = input.canary ? compileCanary(input.canary, analyses, compiler) : null;
  const alerts = (input.alerts ?? []).map((a, i) => ({
    name: a.name,
    query: compiler.query(a.query, ['alerts', i, 'query'], true),
    everyMs: a.every,
    forMs: a.for,
    keepFiringForMs: a.keepFiringFor,
    summary: a.summary ?? null,
    runbook: a.runbook ?? null,
  }));
  return { canary, analyses, alerts, series, historyMs: compiler.historyMs };
}

function compileMeasurement(m: z.output<typeof measurement>, path: Path, compiler: QueryCompiler): MeasurementSpec {
  return {
    name: m.name,
    query: compiler.query(m.query, [...path, 'query']),
    everyMs: m.every ?? null,
    count: m.count ?? (m.every === undefined ? 1 : null),
    initialDelayMs: m.initialDelay,
    success: m.successCondition === undefined ? null : compiler.condition(m.successCondition, [...path, 'successCondition']),
    failure: m.failureCondition === undefined ? null : compiler.condition(m.failureCondition, [...path, 'failureCondition']),
    failureLimit: m.failureLimit,
    inconclusiveLimit: m.inconclusiveLimit,
    consecutiveErrorLimit: m.consecutiveErrorLimit,
    dryRun: m.dryRun,
  };
}

function compileCanary(c: NonNullable<Input['canary']>, analyses: Record<string, MeasurementSpec[]>, compiler: QueryCompiler): CanarySpec {
  const known = (names: string[], path: Path): string[] => {
    names.forEach((n, i) => {
      if (!analyses[n]) compiler.problem([...path, i], `no analysis named '${n}' (this playbook has ${Object.keys(analyses).join(', ') || 'none'} under analyses)`);
    });
    return names;
  };
  if ('steps' in c) {
    const steps: SteppedStep[] = c.steps.map((s, i) => {
      if ('weight' in s) return { kind: 'weight', weight: s.weight };
      if ('pause' in s) return { kind: 'pause', ms: s.pause === 'until-resumed' ? null : s.pause };
      return { kind: 'analysis', analyses: known(s.analysis, ['canary', 'steps', i, 'analysis']) };
    });
    const background = c.analysis ? { analyses: known(c.analysis.run, ['canary', 'analysis', 'run']), fromStep: c.analysis.fromStep } : null;
    return { kind: 'stepped', steps, background };
  }
  return {
    kind: 'checked',
    everyMs: c.every,
    failedChecks: c.failedChecks,
    weights: c.weights,
    checks: c.checks.map((k, i) => ({ name: k.name, query: compiler.query(k.query, ['canary', 'checks', i, 'query']), min: k.min ?? null, max: k.max ?? null })),
    gates: c.gates,
  };
}

/** Parses queries and conditions, turning their errors into problems at the character. */
class QueryCompiler {
  historyMs = 0;

  constructor(
    private readonly source: YamlSource,
    private readonly problems: Problem[],
    private readonly series: SeriesMap,
  ) {}

  problem(path: Path, message: string): void {
    this.problems.push(this.source.problem(path, message));
  }

  query(text: string, path: Path, vectorOnly = false): QuerySpec {
    const checked = checkQuery(text, this.series, vectorOnly);
    if ('error' in checked) {
      const at = lineColumn(text, checked.offset);
      this.problems.push(this.source.problemInside(path, at.line, at.column, checked.error));
      return { text, expr: { type: 'number', value: NaN } };
    }
    this.historyMs = Math.max(this.historyMs, longestRangeMs(checked.expr));
    return { text, expr: checked.expr };
  }

  condition(text: string, path: Path): { text: string; cond: Cond } {
    const checked = checkCondition(text);
    if ('error' in checked) {
      const at = lineColumn(text, checked.offset);
      this.problems.push(this.source.problemInside(path, at.line, at.column, checked.error));
      return { text, cond: { k: 'bool', v: false } };
    }
    return { text, cond: checked.cond };
  }
}

/**
 * Parses a query and checks it reads series the drill has: the PromQL error with its offset,
 * or the expression. An alerting rule's query must give a vector.
 */
export function checkQuery(text: string, series: SeriesMap, vectorOnly = false): { expr: PromExpr } | { error: string; offset: number } {
  let expr: PromExpr;
  try {
    expr = parsePromql(text);
  } catch (e) {
    if (!(e instanceof PromqlError)) throw e;
    return { error: `PromQL: ${e.message}`, offset: e.offset };
  }
  const rangeMs = longestRangeMs(expr);
  if (rangeMs > MAX_QUERY_RANGE_MS) return { error: `PromQL: a range of ${rangeMs / 3_600_000}h is longer than the ${MAX_QUERY_RANGE_MS / 3_600_000}h of history a drill keeps (the limit)`, offset: 0 };
  if (vectorOnly && typeOf(expr) !== 'vector') return { error: 'PromQL: an alerting rule needs a query that gives a vector, not a scalar', offset: 0 };
  for (const s of selectorsOf(expr)) {
    if (resolveName(s.name!, series).family !== 'unknown') continue;
    const at = text.indexOf(s.name!);
    return { error: `PromQL: the drill has no series '${s.name}': it has requests_total, request_duration_seconds_bucket (and _milliseconds_), a scenario metric's _sum and _count, and the names meshes and client libraries give them; map others in a metrics map`, offset: Math.max(0, at) };
  }
  return { expr };
}

/** Parses a condition: the error with its offset, or the condition. */
export function checkCondition(text: string): { cond: Cond } | { error: string; offset: number } {
  try {
    return { cond: parseCondition(text) };
  } catch (e) {
    if (!(e instanceof ConditionError)) throw e;
    return { error: `condition: ${e.message}`, offset: e.offset };
  }
}

/** Label matchers on labels the drill's series do not carry: ignored, and worth a warning. */
export function ignoredMatchers(expr: PromExpr, series: SeriesMap): string[] {
  const out: string[] = [];
  for (const s of selectorsOf(expr)) {
    const resolved = resolveName(s.name!, series);
    if (resolved.family === 'unknown') continue;
    const known = knownLabels(resolved, series);
    for (const m of s.matchers) if (!known.has(m.label)) out.push(`${s.name}{${m.label}${m.op}"${m.value}"}`);
  }
  return [...new Set(out)];
}
