import { baselineOf, metricDef } from './metric-table.js';
import type { MetricStore } from './metrics.js';
import type { ScenarioSpec, SloSpec } from './spec.js';

/** Seconds of each metric a live screen can draw as a sparkline. */
export const RECENT_TICKS = 120;

/**
 * The window a metric without an SLO is shown over. One second of a few dozen requests is
 * mostly sampling noise (one failure in 80 is 1.25%); ten seconds read like a dashboard's rate.
 */
export const DISPLAY_WINDOW_MS = 10_000;

/** The built-in metrics a team watches; the scenario's business metrics come after them. */
const WATCHED = ['errorRate', 'latencyP99Ms', 'quality'];

/** The metrics a team sees on its screen and in `inspect`, in the order shown. */
export function shownMetrics(spec: Pick<ScenarioSpec, 'metrics'>): string[] {
  return [...WATCHED, ...spec.metrics.map((m) => m.name)];
}

/** One route's reading of a metric, beside the others'. */
export interface RouteReading {
  route: string;
  value: number;
  breaking: boolean;
}

export interface MetricView {
  name: string;
  /** The metric table's unit: how a screen writes the values. */
  unit: string;
  /** What each value covers: the SLO's window (as scoring reads it), or DISPLAY_WINDOW_MS. */
  windowMs: number;
  /** The last RECENT_TICKS seconds, oldest first, each the value over windowMs ending then (NaN: nothing measured). */
  recent: number[];
  sloMax?: number;
  sloMin?: number;
  /** What the healthy system reads, when the metric has a normal value. */
  baseline?: number;
  /** True when the value now breaks the SLO. */
  breaking: boolean;
  /** Each route's value now, over the same window, for the routes asked for (a screen: while several carry users). */
  routes?: RouteReading[];
}

function breaks(slo: SloSpec | undefined, value: number): boolean {
  return slo !== undefined && !Number.isNaN(value) && ((slo.max !== undefined && value > slo.max) || (slo.min !== undefined && value < slo.min));
}

/**
 * Reads what the signals panel shows off the metric store: each metric over the window its SLO
 * is judged on, second by second, and, while a canary or a second environment carries users,
 * each route's value beside the whole system's. Copies only the seconds asked for.
 */
export class SignalReader {
  private readonly buffer = new Float64Array(RECENT_TICKS);
  /** What does not change during a drill, looked up once per metric: its unit, SLO and baseline. */
  private readonly fixed = new Map<string, { unit: string; slo: SloSpec | undefined; baseline: number | undefined }>();

  constructor(
    private readonly spec: ScenarioSpec,
    private readonly metrics: MetricStore,
  ) {}

  private fixedOf(name: string): { unit: string; slo: SloSpec | undefined; baseline: number | undefined } {
    let f = this.fixed.get(name);
    if (!f) this.fixed.set(name, (f = { unit: metricDef(this.spec, name)?.unit ?? '', slo: this.spec.slos.find((x) => x.metric === name), baseline: baselineOf(this.spec, name) }));
    return f;
  }

  /** The metrics named, each with the readings of the routes named (none: no `routes`). */
  read(names: readonly string[], routes: readonly string[]): MetricView[] {
    return names.map((name) => this.one(name, routes));
  }

  private one(name: string, routes: readonly string[]): MetricView {
    const { unit, slo, baseline } = this.fixedOf(name);
    const windowMs = slo?.windowMs ?? DISPLAY_WINDOW_MS;
    const windowTicks = Math.max(1, Math.round(windowMs / 1000));
    const recent = new Array<number>(RECENT_TICKS).fill(NaN);
    const n = this.metrics.find('all', name)?.recentOver(this.buffer, windowTicks) ?? 0;
    for (let i = 0; i < n; i++) recent[RECENT_TICKS - n + i] = this.buffer[i]!;
    const view: MetricView = {
      name,
      unit,
      windowMs,
      recent,
      ...(slo?.max !== undefined ? { sloMax: slo.max } : {}),
      ...(slo?.min !== undefined ? { sloMin: slo.min } : {}),
      ...(baseline !== undefined ? { baseline } : {}),
      breaking: breaks(slo, recent[RECENT_TICKS - 1]!),
    };
    if (routes.length > 0) {
      view.routes = routes.map((route) => {
        const value = this.last(route, name, windowTicks);
        return { route, value, breaking: breaks(slo, value) };
      });
    }
    return view;
  }

  private last(scope: string, name: string, windowTicks: number): number {
    const one = this.buffer.subarray(0, 1);
    return this.metrics.find(scope, name)?.recentOver(one, windowTicks) === 1 ? one[0]! : NaN;
  }
}
