import { formatDuration } from '../../core/monitors.js';
import type { MeasurementSpec } from '../../formats/controller.js';
import { evaluateCondition } from '../../formats/rollout/condition.js';
import { evaluate, type SeriesSource } from '../promql/evaluate.js';

export type Phase = 'running' | 'successful' | 'failed' | 'inconclusive' | 'error';

interface MetricState {
  spec: MeasurementSpec;
  taken: number;
  failed: number;
  inconclusive: number;
  errors: number;
  consecutiveErrors: number;
  phase: Phase;
  message: string;
}

/** What one measurement came to, for the controller's log. */
export interface Measured {
  metric: string;
  phase: Exclude<Phase, 'running'>;
  value: string;
  /** The first value the query returned, null when it returned none or failed. */
  first: number | null;
  /** This measurement decided the metric's phase (failed, inconclusive, error or successful). */
  decided: boolean;
  failed: number;
  failureLimit: number;
}

/**
 * One AnalysisRun, as Argo Rollouts runs it: each metric measured after its initialDelay, then
 * every interval, `count` times (once with no interval; until the rollout ends with an interval
 * and no count). A measurement meets the failure condition (Failed), else the success condition
 * (Successful); with only one condition the other is its negation; met by neither it is
 * Inconclusive; an error evaluating it is an Error (utils/evaluate/evaluate.go). A metric fails
 * when its failed measurements exceed failureLimit (-1: never), is inconclusive past
 * inconclusiveLimit, errs past consecutiveErrorLimit (default 4), and succeeds on reaching its
 * count (analysis/analysis.go assessMetricFailureInconclusiveOrError). Dry-run metrics are
 * measured but decide nothing.
 */
export class AnalysisRun {
  private readonly metrics: MetricState[];
  private terminated = false;

  constructor(
    readonly name: string,
    specs: readonly MeasurementSpec[],
    private readonly startMs: number,
    private readonly store: SeriesSource,
    private readonly onMeasured: (m: Measured) => void,
  ) {
    this.metrics = specs.map((spec) => ({ spec, taken: 0, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0, phase: 'running', message: '' }));
  }

  /** Takes every measurement due by now. */
  poll(nowMs: number): void {
    if (this.terminated) return;
    for (const m of this.metrics) {
      while (m.phase === 'running' && this.dueMs(m) <= nowMs) this.measure(m);
    }
  }

  /** When a metric's next measurement is due. */
  private dueMs(m: MetricState): number {
    return this.startMs + m.spec.initialDelayMs + m.taken * (m.spec.everyMs ?? 0);
  }

  private measure(m: MetricState): void {
    const { spec } = m;
    let phase: Measured['phase'];
    let value = '';
    let first: number | null = null;
    try {
      const result = evaluate(spec.query.expr, this.store);
      const measured = result.type === 'scalar' ? result.value : result.samples.map((s) => s.value);
      value = Array.isArray(measured) ? `[${measured.map(short).join(', ')}]` : short(measured);
      first = (Array.isArray(measured) ? measured[0] : measured) ?? null;
      phase = judge(spec, measured);
    } catch (e) {
      phase = 'error';
      value = (e as Error).message;
    }
    m.taken++;
    if (phase === 'failed') m.failed++;
    if (phase === 'inconclusive') m.inconclusive++;
    if (phase === 'error') {
      m.errors++;
      m.consecutiveErrors++;
    } else {
      m.consecutiveErrors = 0;
    }
    const before = m.phase;
    this.assess(m);
    this.onMeasured({ metric: spec.name, phase, value, first, decided: before !== m.phase, failed: m.failed, failureLimit: spec.failureLimit });
  }

  private assess(m: MetricState): void {
    const { spec } = m;
    if (spec.failureLimit >= 0 && m.failed > spec.failureLimit) {
      m.phase = 'failed';
      m.message = `failed (${m.failed}) > failureLimit (${spec.failureLimit})`;
    }
    if (m.inconclusive > spec.inconclusiveLimit) {
      m.phase = 'inconclusive';
      m.message = `inconclusive (${m.inconclusive}) > inconclusiveLimit (${spec.inconclusiveLimit})`;
    }
    if (m.consecutiveErrors > spec.consecutiveErrorLimit) {
      m.phase = 'error';
      m.message = `consecutiveErrors (${m.consecutiveErrors}) > consecutiveErrorLimit (${spec.consecutiveErrorLimit})`;
    }
    if (m.phase === 'running' && spec.count !== null && m.taken >= spec.count) {
      m.phase = 'successful';
      m.message = `count (${spec.count}) reached`;
    }
  }

  /** The run's phase: the worst of its metrics' (dry-run metrics aside). */
  get phase(): Phase {
    const live = this.metrics.filter((m) => !m.spec.dryRun);
    for (const worst of ['error', 'failed', 'inconclusive'] as const) if (live.some((m) => m.phase === worst)) return worst;
    if (this.terminated || live.every((m) => m.phase === 'successful')) return 'successful';
    return 'running';
  }

  /** Why the run is in its phase, naming the metrics that put it there. */
  get message(): string {
    const phase = this.phase;
    const why = this.metrics.filter((m) => !m.spec.dryRun && m.phase === phase && m.message).map((m) => `${m.spec.name}: ${m.message}`);
    return why.join('; ');
  }

  /**
   * The rollout ended (promoted or aborted): a run still measuring ends successful, unless its
   * failureLimit was already violated (docs/features/analysis.md, note on premature termination).
   */
  terminate(): void {
    this.terminated = true;
  }

  /** One line on how a metric is timed, for messages: "one every 5m, failureLimit 3". */
  static describeTiming(spec: MeasurementSpec): string {
    const every = spec.everyMs === null ? 'one measurement' : `one every ${formatDuration(spec.everyMs)}${spec.count !== null ? `, ${spec.count} in all` : ''}`;
    const delay = spec.initialDelayMs > 0 ? ` after an initialDelay of ${formatDuration(spec.initialDelayMs)}` : '';
    const limit = spec.failureLimit < 0 ? 'failureLimit -1 (never fails)' : `failureLimit ${spec.failureLimit}: the run fails on failed measurement ${spec.failureLimit + 1}`;
    return `${every}${delay}, ${limit}`;
  }
}

/**
 * Argo's EvaluateResult: the phase of one measurement. With neither condition the code counts a
 * measurement Successful (the documentation's "Inconclusive Runs" says otherwise; the code runs).
 */
export function judge(spec: MeasurementSpec, result: number | number[]): Exclude<Phase, 'running' | 'error'> {
  if (!spec.success && !spec.failure) return 'successful';
  let success = spec.success ? evaluateCondition(spec.success.cond, result) : false;
  let failure = spec.failure ? evaluateCondition(spec.failure.cond, result) : false;
  if (spec.success && !spec.failure) failure = !success;
  if (!spec.success && spec.failure) success = !failure;
  if (failure) return 'failed';
  return success ? 'successful' : 'inconclusive';
}

function short(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return Number(v.toPrecision(4)).toString();
}
