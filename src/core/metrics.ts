import { ChartCopy } from './chart-copy.js';

/**
 * Per-second metric series. Each series keeps cumulative sums of a numerator and a denominator
 * in a ring, so a window's value is two subtractions, and, when the drill's report draws
 * charts, a chart copy downsampled to a bounded number of points. A ratio metric (error rate)
 * divides the sums; a gauge (latency p99) records its value with a denominator of one per second.
 *
 * A series holds only as much history as is read from it: a floor for what a team may ask in a
 * live drill, raised to the longest window anyone reads (a window read for the first time
 * while the drill is younger than the ring loses nothing). Windows never reach back further
 * than `windowLimitTicks`; before the first second they see the primed steady state.
 */
export class Series {
  /**
   * Ring of cumulative sums, numerator and denominator side by side: tick t at slot t % slots.
   * Grown on demand up to keepTicks + 1 slots.
   */
  private ring: Float64Array;
  private slots: number;
  /** The slot the next tick goes to. */
  private at = 0;
  private ticks = 0;
  /** The first tick whose cumulative sums the ring still holds. */
  private heldFrom = 0;
  private cumNum = 0;
  private cumDen = 0;
  /** Null when the drill draws no charts: then nothing but the ring is kept. */
  private readonly copy: ChartCopy | null;
  /** Sums of the last window read (kept here so reading a window allocates nothing). */
  lastNum = 0;
  lastDen = 0;
  /** Seconds of steady operation before the drill began, and their per-second sums. */
  private historyTicks = 0;
  private historyNum = 0;
  private historyDen = 0;

  constructor(
    readonly name: string,
    private readonly windowLimitTicks: number,
    /** Seconds of history kept; raised by reads of longer windows, never past windowLimitTicks. */
    private keepTicks: number,
    bucketTicks: number,
    /** Chart points this series may need (its horizon in buckets); 0: it keeps no chart copy. */
    chartPoints: number,
    /** The drill's seconds, so the chart copy of a series that misses some stays on the drill's clock. */
    private readonly clock: DrillClock = { seconds: 0 },
  ) {
    this.keepTicks = Math.min(keepTicks, windowLimitTicks);
    this.slots = Math.min(this.keepTicks + 1, 1024);
    this.ring = new Float64Array(2 * this.slots);
    this.copy = chartPoints > 0 ? new ChartCopy(bucketTicks, chartPoints) : null;
  }

  get length(): number {
    return this.ticks;
  }

  /** Seconds whose values can still be read: keepTicks once the ring has wrapped (one more before), fewer while the drill is younger. */
  get held(): number {
    return this.heldFrom === 0 ? this.ticks : this.ticks - this.heldFrom - 1;
  }

  /** Keeps at least `ticks` seconds of history from now on (for a window about to be read). */
  retain(ticks: number): void {
    if (ticks > this.keepTicks) this.keepTicks = Math.min(ticks, this.windowLimitTicks);
  }

  push(num: number, den: number): void {
    if (this.ticks - this.heldFrom === this.slots) {
      if (this.slots < this.keepTicks + 1) this.growRing();
      else this.heldFrom++;
    }
    this.cumNum += num;
    this.cumDen += den;
    const at = this.at;
    this.ring[2 * at] = this.cumNum;
    this.ring[2 * at + 1] = this.cumDen;
    this.at = at + 1 === this.slots ? 0 : at + 1;
    this.copy?.add(num, den, this.clock.seconds);
    this.ticks++;
  }

  /** A larger ring, each held tick moved to its slot in it. */
  private growRing(): void {
    const slots = Math.min(this.keepTicks + 1, this.slots * 4);
    const ring = new Float64Array(2 * slots);
    for (let t = this.heldFrom; t < this.ticks; t++) {
      const from = 2 * (t % this.slots);
      const to = 2 * (t % slots);
      ring[to] = this.ring[from]!;
      ring[to + 1] = this.ring[from + 1]!;
    }
    this.ring = ring;
    this.slots = slots;
    this.at = this.ticks % slots;
  }

  /**
   * The system ran before the drill began: windows that reach back past the first second see
   * `ticks` seconds of these per-second sums (charts do not show them).
   */
  prime(num: number, den: number, ticks: number): void {
    this.historyNum = num;
    this.historyDen = den;
    this.historyTicks = ticks;
  }

  /**
   * Sums over the last `windowTicks` seconds, left in lastNum and lastDen. A window longer than
   * the history held (first read after the ring dropped what it needed) covers what is held.
   */
  sum(windowTicks: number): void {
    const w = Math.min(windowTicks, this.windowLimitTicks);
    if (w > this.keepTicks) this.retain(w);
    const before = Math.min(Math.max(0, w - this.ticks), this.historyTicks);
    this.lastNum = before * this.historyNum;
    this.lastDen = before * this.historyDen;
    if (this.ticks === 0) return;
    if (w >= this.ticks) {
      this.lastNum += this.cumNum;
      this.lastDen += this.cumDen;
      return;
    }
    const first = 2 * (Math.max(this.ticks - 1 - w, this.heldFrom) % this.slots);
    this.lastNum += this.cumNum - this.ring[first]!;
    this.lastDen += this.cumDen - this.ring[first + 1]!;
  }

  /** The window's value: sum of numerators over sum of denominators, NaN when empty. */
  value(windowTicks: number): number {
    this.sum(windowTicks);
    return this.lastDen > 0 ? this.lastNum / this.lastDen : NaN;
  }

  /**
   * The most recent per-second values, oldest first, written into `out` (NaN for a second where
   * nothing was measured). Fills at most `out.length` and returns how many it wrote: fewer when
   * fewer seconds are held. Reads the ring in place: nothing is copied but what is asked for.
   */
  recent(out: Float64Array | number[]): number {
    const n = Math.min(out.length, this.held);
    for (let i = 0; i < n; i++) {
      const t = this.ticks - n + i;
      const at = 2 * (t % this.slots);
      const before = 2 * ((t + this.slots - 1) % this.slots);
      const num = this.ring[at]! - (t === 0 ? 0 : this.ring[before]!);
      const den = this.ring[at + 1]! - (t === 0 ? 0 : this.ring[before + 1]!);
      out[i] = den > 0 ? num / den : NaN;
    }
    return n;
  }

  /**
   * Like `recent`, but each second's value is the window of `windowTicks` seconds ending there,
   * as `value` reads it then: what an SLO or alert on that window saw, second by second. A
   * window reaching before the first second sees the primed history; one reaching past what
   * the ring holds covers what it holds. Reads only; keeps no more history than before.
   */
  recentOver(out: Float64Array | number[], windowTicks: number): number {
    const w = Math.max(1, Math.min(windowTicks, this.windowLimitTicks));
    const n = Math.min(out.length, this.held);
    for (let i = 0; i < n; i++) {
      const t = this.ticks - n + i;
      const at = 2 * (t % this.slots);
      let num = this.ring[at]!;
      let den = this.ring[at + 1]!;
      const start = t - w;
      if (start < 0) {
        const before = Math.min(-start - 1, this.historyTicks);
        num += before * this.historyNum;
        den += before * this.historyDen;
      } else {
        const from = 2 * (Math.max(start, this.heldFrom) % this.slots);
        num -= this.ring[from]!;
        den -= this.ring[from + 1]!;
      }
      out[i] = den > 0 ? num / den : NaN;
    }
    return n;
  }

  /** The chart copy: one value per bucket of `bucketTicks` seconds (null where nothing was measured). */
  chart(): (number | null)[] {
    if (!this.copy) throw new Error(`the series ${this.name} keeps no chart copy: this drill was run without charts (ask for them when it is created)`);
    return this.copy.values(this.clock.seconds);
  }
}

/** Seconds of the drill measured so far: advanced once a second, after every series of it has been pushed. */
export interface DrillClock {
  seconds: number;
}

/** How much a drill's series keep: fixed when the drill is built (see metric-plan.ts). */
export interface MetricPlan {
  /** The longest window a read may cover. */
  windowLimitTicks: number;
  /** Seconds per chart point. */
  bucketTicks: number;
  /** Chart points per series: the horizon in buckets; 0 when the drill's report draws no charts. */
  chartPoints: number;
  /** History each series of a scope keeps before anything reads a longer window from it. */
  floorTicks(scope: string): number;
}

export class MetricStore {
  private readonly scopes = new Map<string, Map<string, Series>>();
  private readonly aliases = new Map<string, string>();
  private readonly lists = new Map<string, Series[]>();
  private readonly clock: DrillClock = { seconds: 0 };

  constructor(private readonly plan: MetricPlan) {}

  /** A second of the drill has been measured: a series that got no value in it shows a gap there. */
  endSecond(): void {
    this.clock.seconds++;
  }

  /** The longest window a read may cover; windows that reach before the drill see this much primed history. */
  get windowLimitTicks(): number {
    return this.plan.windowLimitTicks;
  }

  get bucketTicks(): number {
    return this.plan.bucketTicks;
  }

  /** Reads of `scope` go to `target` (a lone route is the same traffic as `all`). */
  alias(scope: string, target: string): void {
    this.aliases.set(scope, target);
  }

  /** The series of `names` in a scope, in that order, looked up once and reused every second (one list per scope). */
  list(scope: string, names: readonly string[]): Series[] {
    let list = this.lists.get(scope);
    if (!list) this.lists.set(scope, (list = names.map((n) => this.get(scope, n))));
    return list;
  }

  /** The series of one scope (a route name, or `all`), by metric name. */
  scope(name: string): Map<string, Series> {
    name = this.aliases.get(name) ?? name;
    let scope = this.scopes.get(name);
    if (!scope) this.scopes.set(name, (scope = new Map()));
    return scope;
  }

  /** Scopes with series: `all`, then each route that has its own. */
  scopeNames(): string[] {
    return [...this.scopes.keys()];
  }

  /** The series for `metric` within `scope`, or undefined when nothing records it (never creates one). */
  find(scope: string, metric: string): Series | undefined {
    return this.scopes.get(this.aliases.get(scope) ?? scope)?.get(metric);
  }

  /** The series for `metric` within `scope`. */
  get(scope: string, metric: string): Series {
    const resolved = this.aliases.get(scope) ?? scope;
    const series = this.scope(resolved);
    let s = series.get(metric);
    if (!s) {
      const { windowLimitTicks, bucketTicks, chartPoints } = this.plan;
      series.set(metric, (s = new Series(metric, windowLimitTicks, this.plan.floorTicks(resolved), bucketTicks, chartPoints, this.clock)));
    }
    return s;
  }

  /** Every series, for reports: scope -> metric -> chart points. */
  charts(): Record<string, Record<string, (number | null)[]>> {
    const out: Record<string, Record<string, (number | null)[]>> = {};
    for (const [scope, series] of this.scopes) {
      const metrics: Record<string, (number | null)[]> = {};
      for (const [metric, s] of series) metrics[metric] = s.chart();
      out[scope] = metrics;
    }
    return out;
  }
}
