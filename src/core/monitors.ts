import type { MetricStore, Series } from './metrics.js';
import type { WatchSpec } from './spec.js';

/**
 * One alert condition over a metric's window (or a short and a long window together), with an
 * optional hold time. Used by the scenario's monitors and by playbook triggers and gates alike.
 */
export class Watch<S extends WatchSpec = WatchSpec> {
  private holdingSinceMs: number | undefined;
  private series: Series | undefined;
  firing = false;

  constructor(
    readonly spec: S,
    /** The metric's normal value, for relative conditions (dropPct, risePct). */
    readonly baseline: number | undefined,
  ) {}

  /** Advances the watch to `nowMs`; returns 'fire' or 'resolve' when its state flips. */
  update(store: MetricStore, nowMs: number): 'fire' | 'resolve' | null {
    if (!this.holds(store)) {
      this.holdingSinceMs = undefined;
      if (this.firing) {
        this.firing = false;
        return 'resolve';
      }
      return null;
    }
    this.holdingSinceMs ??= nowMs;
    if (!this.firing && nowMs - this.holdingSinceMs >= this.spec.forMs) {
      this.firing = true;
      return 'fire';
    }
    return null;
  }

  /** Whether the condition holds now (over the short window, and the long one if any). */
  private holds(store: MetricStore): boolean {
    if (!this.check(store, this.spec.windowMs)) return false;
    return this.spec.longWindowMs === undefined || this.check(store, this.spec.longWindowMs);
  }

  private check(store: MetricStore, windowMs: number): boolean {
    const series = (this.series ??= store.get(this.spec.route ?? 'all', this.spec.metric));
    series.sum(Math.max(1, Math.round(windowMs / 1000)));
    const den = series.lastDen;
    if (den <= 0 || den < this.spec.minCount) return false;
    return conditionMet(this.spec, series.lastNum / den, this.baseline);
  }
}

export function conditionMet(spec: WatchSpec, value: number, baseline: number | undefined): boolean {
  if (Number.isNaN(value)) return false;
  if (spec.above !== undefined && !(value > spec.above)) return false;
  if (spec.below !== undefined && !(value < spec.below)) return false;
  if (spec.dropPct !== undefined && !(baseline !== undefined && value < baseline * (1 - spec.dropPct / 100))) return false;
  if (spec.risePct !== undefined && !(baseline !== undefined && value > baseline * (1 + spec.risePct / 100))) return false;
  return true;
}

/** Describes a watch in one line: "errorRate > 0.01 over 2m". */
export function describeWatch(spec: WatchSpec): string {
  const parts: string[] = [];
  if (spec.above !== undefined) parts.push(`> ${spec.above}`);
  if (spec.below !== undefined) parts.push(`< ${spec.below}`);
  if (spec.dropPct !== undefined) parts.push(`falls ${spec.dropPct}% below baseline`);
  if (spec.risePct !== undefined) parts.push(`rises ${spec.risePct}% above baseline`);
  let text = `${spec.route ? `${spec.route}.` : ''}${spec.metric} ${parts.join(' and ')} over ${formatDuration(spec.windowMs)}`;
  if (spec.longWindowMs !== undefined) text += ` and ${formatDuration(spec.longWindowMs)}`;
  if (spec.forMs > 0) text += ` for ${formatDuration(spec.forMs)}`;
  if (spec.minCount > 0) text += ` (at least ${spec.minCount} samples)`;
  return text;
}

export function formatDuration(ms: number): string {
  if (ms % 86_400_000 === 0 && ms > 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** m:ss (or h:mm:ss) for a point or span of simulated time. */
export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
