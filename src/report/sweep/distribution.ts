/**
 * Exact percentiles over many drills in memory bounded by the number of distinct values, not
 * of drills: simulated times are whole seconds within a drill's horizon, so a sweep of a million
 * seeds keeps a few thousand counters. `null` stands for "never" and sorts after every value.
 */
export class Distribution {
  private readonly counts = new Map<number, number>();
  private sorted: number[] | null = null;
  n = 0;
  never = 0;

  add(value: number | null): void {
    this.n++;
    if (value === null) {
      this.never++;
      return;
    }
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.sorted = null;
  }

  /** Nearest-rank percentile (p in 0..100): null when it falls among the nevers or nothing was added. */
  percentile(p: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    let seen = 0;
    for (const v of this.values()) {
      seen += this.counts.get(v)!;
      if (seen >= rank) return v;
    }
    return null;
  }

  max(): number | null {
    if (this.n === 0 || this.never > 0) return null;
    const values = this.values();
    return values[values.length - 1] ?? null;
  }

  /** The smallest and largest value added (nevers aside), or null when there is none. */
  range(): { lo: number; hi: number } | null {
    const values = this.values();
    return values.length === 0 ? null : { lo: values[0]!, hi: values[values.length - 1]! };
  }

  /** How many values fall in [fromMs, toMs). */
  countIn(from: number, to: number): number {
    let n = 0;
    for (const [v, c] of this.counts) if (v >= from && v < to) n += c;
    return n;
  }

  private values(): number[] {
    if (!this.sorted) this.sorted = [...this.counts.keys()].sort((a, b) => a - b);
    return this.sorted;
  }
}

/** Count, mean, minimum and maximum of a figure, in constant memory. */
export class Tally {
  n = 0;
  private sum = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  add(value: number): void {
    this.n++;
    this.sum += value;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  /** Mean, min and max; the mean rounded to two decimals so the summary reads (and diffs) cleanly. */
  summary(): { mean: number; min: number; max: number } | null {
    if (this.n === 0) return null;
    return { mean: Math.round((this.sum / this.n) * 100) / 100, min: this.lo, max: this.hi };
  }
}
