/**
 * Per-second metric series. Each series keeps cumulative sums of a numerator and a denominator
 * in a ring as long as the longest alert window, so a window's value is two subtractions, and a
 * chart copy downsampled to a bounded number of points. A ratio metric (error rate) divides the
 * sums; a gauge (latency p99) records its value with a denominator of one per second.
 */
export class Series {
  /** Grown on demand up to ringTicks + 1: a drill that ends in minutes never pays for hours. */
  private num: Float64Array;
  private den: Float64Array;
  private ticks = 0;
  private chartNum: Float64Array;
  private chartDen: Float64Array;
  /** Sums of the last window read (kept here so reading a window allocates nothing). */
  lastNum = 0;
  lastDen = 0;
  /** Seconds of steady operation before the drill began, and their per-second sums. */
  private historyTicks = 0;
  private historyNum = 0;
  private historyDen = 0;

  constructor(
    readonly name: string,
    private readonly ringTicks: number,
    private readonly bucketTicks: number,
  ) {
    this.num = new Float64Array(Math.min(ringTicks + 1, 256));
    this.den = new Float64Array(this.num.length);
    this.chartNum = new Float64Array(256);
    this.chartDen = new Float64Array(256);
  }

  get length(): number {
    return this.ticks;
  }

  push(num: number, den: number): void {
    const size = this.ringTicks + 1;
    if (this.ticks === this.num.length && this.num.length < size) this.growRing(size);
    const prev = (this.ticks + size - 1) % size;
    const at = this.ticks % size;
    this.num[at] = (this.ticks === 0 ? 0 : this.num[prev]!) + num;
    this.den[at] = (this.ticks === 0 ? 0 : this.den[prev]!) + den;
    const bucket = Math.floor(this.ticks / this.bucketTicks);
    if (bucket >= this.chartNum.length) this.growChart();
    this.chartNum[bucket]! += num;
    this.chartDen[bucket]! += den;
    this.ticks++;
  }

  /** Before the ring first wraps, its entries sit at their tick: growing keeps them in place. */
  private growRing(size: number): void {
    const num = new Float64Array(Math.min(size, this.num.length * 4));
    const den = new Float64Array(num.length);
    num.set(this.num);
    den.set(this.den);
    this.num = num;
    this.den = den;
  }

  private growChart(): void {
    const num = new Float64Array(this.chartNum.length * 4);
    const den = new Float64Array(this.chartDen.length * 4);
    num.set(this.chartNum);
    den.set(this.chartDen);
    this.chartNum = num;
    this.chartDen = den;
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

  /** Sums over the last `windowTicks` seconds, left in lastNum and lastDen. */
  sum(windowTicks: number): void {
    const w = Math.min(windowTicks, this.ringTicks);
    const before = Math.min(Math.max(0, w - this.ticks), this.historyTicks);
    this.lastNum = before * this.historyNum;
    this.lastDen = before * this.historyDen;
    if (this.ticks === 0) return;
    const size = this.ringTicks + 1;
    const last = (this.ticks - 1) % size;
    if (w >= this.ticks) {
      this.lastNum += this.num[last]!;
      this.lastDen += this.den[last]!;
      return;
    }
    const first = (this.ticks - 1 - w) % size;
    this.lastNum += this.num[last]! - this.num[first]!;
    this.lastDen += this.den[last]! - this.den[first]!;
  }

  /** The window's value: sum of numerators over sum of denominators, NaN when empty. */
  value(windowTicks: number): number {
    this.sum(windowTicks);
    return this.lastDen > 0 ? this.lastNum / this.lastDen : NaN;
  }

  /** The chart copy: one value per bucket of `bucketTicks` seconds (null where nothing was measured). */
  chart(): (number | null)[] {
    const buckets = Math.ceil(this.ticks / this.bucketTicks);
    const out: (number | null)[] = [];
    for (let i = 0; i < buckets; i++) out.push(this.chartDen[i]! > 0 ? this.chartNum[i]! / this.chartDen[i]! : null);
    return out;
  }
}

export class MetricStore {
  private readonly scopes = new Map<string, Map<string, Series>>();
  private readonly aliases = new Map<string, string>();
  private readonly lists = new Map<string, Series[]>();

  constructor(
    readonly ringTicks: number,
    readonly bucketTicks: number,
  ) {}

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

  /** The series for `metric` within `scope`. */
  get(scope: string, metric: string): Series {
    const series = this.scope(scope);
    let s = series.get(metric);
    if (!s) series.set(metric, (s = new Series(metric, this.ringTicks, this.bucketTicks)));
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
