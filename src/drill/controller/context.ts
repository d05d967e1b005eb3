import type { ActionRecord } from '../../core/actions/action.js';
import { parseCommand } from '../../core/commands.js';
import type { PromExpr } from '../../formats/rollout/promql.js';
import type { Session } from '../session.js';
import type { SeriesStore } from '../promql/series-store.js';
import { chartMetricOf, type ChartMetric } from './chart-metric.js';
import type { Measurement } from './measurement.js';

/** A controller's program: resumed once per simulated second; true when it ran to its end. */
export type Flow = Generator<void, boolean, void>;

/**
 * What a controller acts through: the session (every change it makes is an operator command,
 * journaled like a person's), the drill's series, and the playbook run's log.
 */
export class ControllerContext {
  private declared = false;
  /** Every measurement and check the controller took, in order, for the report. */
  readonly measurements: Measurement[] = [];
  private readonly charts = new Map<PromExpr, ChartMetric | null>();

  constructor(
    readonly session: Session,
    readonly store: SeriesStore,
    readonly by: string,
    readonly note: (text: string) => void,
  ) {}

  get now(): number {
    return this.session.now;
  }

  /**
   * Declares the incident once, at the first sign the controller sees (a failed measurement or
   * check, a firing alert): from there on the clock runs against the target.
   */
  declare(why: string): void {
    if (this.declared) return;
    this.declared = true;
    this.submit(`declare ${quote(why)}`);
  }

  /** Records a measurement; `expr` is its query, to find the chart it reads the same as. */
  measured(m: Omit<Measurement, 'tMs' | 'chart'>, expr: PromExpr): void {
    let chart = this.charts.get(expr);
    if (chart === undefined) {
      const world = this.session.drill.world;
      chart = chartMetricOf(expr, this.store, world.spec.metrics.map((x) => x.name), world.routes.map((r) => r.name));
      this.charts.set(expr, chart);
    }
    // Four significant digits draw the same point, and a value JSON cannot hold (NaN) is no point.
    const first = m.first !== null && Number.isFinite(m.first) ? Number(m.first.toPrecision(4)) : null;
    this.measurements.push({ tMs: this.now, ...m, first, chart });
  }

  submit(text: string): ActionRecord {
    const parsed = parseCommand(text);
    if ('error' in parsed) throw new Error(`a controller built a command that does not parse: ${text}: ${parsed.error}`);
    return this.session.submit(parsed, this.by);
  }

  /** Runs a command to its end, a second at a time; false if it failed or was refused. */
  *run(text: string): Flow {
    const record = this.submit(text);
    while (record.status === 'running') yield;
    if (record.status !== 'done') this.note(`${text} ${record.status === 'rejected' ? 'was refused' : 'failed'}: ${record.reason}`);
    return record.status === 'done';
  }
}

function quote(text: string): string {
  return `"${text.replace(/["\\]/g, "'")}"`;
}
