/**
 * A series' copy for charts: per-second sums added into buckets of `bucketTicks` seconds, at
 * most `points` of them, on the drill's clock. Only a drill whose report draws charts keeps one
 * (see MetricPlan.chartPoints); windows never read it.
 */
export class ChartCopy {
  /** Bucket sums, numerator and denominator side by side; grown as the drill goes on, up to `points`. */
  private sums: Float64Array;
  private bucket = 0;
  private inBucket = 0;
  /** Seconds the copy covers: those added, and those passed with nothing measured. */
  private ticks = 0;

  constructor(
    private readonly bucketTicks: number,
    private readonly points: number,
  ) {
    // Most drills end within minutes: start small rather than at the whole horizon.
    this.sums = new Float64Array(2 * Math.min(points, 1024));
  }

  /** Adds the value of the drill's second `second` (0 for the first), leaving gaps for seconds missed before it. */
  add(num: number, den: number, second: number): void {
    this.catchUp(second);
    const b = 2 * this.bucket;
    if (b >= this.sums.length) this.grow();
    this.sums[b]! += num;
    this.sums[b + 1]! += den;
    this.nextTick();
  }

  /** One value per bucket up to the drill's second `seconds`, null where nothing was measured. */
  values(seconds: number): (number | null)[] {
    this.catchUp(seconds);
    const buckets = Math.ceil(this.ticks / this.bucketTicks);
    const out: (number | null)[] = [];
    for (let i = 0; i < buckets; i++) {
      const den = this.sums[2 * i + 1] ?? 0;
      out.push(den > 0 ? this.sums[2 * i]! / den : null);
    }
    return out;
  }

  /**
   * Seconds of the drill this series got no value in (a route with no traffic, a series first
   * read mid-drill) are gaps, so every chart is drawn on the drill's clock.
   */
  private catchUp(second: number): void {
    while (this.ticks < second) this.nextTick();
  }

  private nextTick(): void {
    this.ticks++;
    if (++this.inBucket === this.bucketTicks) {
      this.bucket++;
      this.inBucket = 0;
    }
  }

  private grow(): void {
    const points = Math.max(this.bucket + 1, Math.min(this.points, (this.sums.length / 2) * 4));
    const sums = new Float64Array(2 * points);
    sums.set(this.sums);
    this.sums = sums;
  }
}
