import seedrandom from 'seedrandom';

/**
 * One seeded generator with the draws the world needs. Each subsystem owns its own stream
 * (see `Streams`), so a new draw in one never shifts the numbers another sees.
 */
export class Rng {
  private readonly next: () => number;
  /** The second value of the last pair drawn, kept apart from its flag so storing it allocates nothing. */
  private spareNormal = 0;
  private hasSpare = false;

  constructor(seed: string) {
    // alea: fast, passes BigCrush, and pure JavaScript (no platform entropy once seeded).
    this.next = seedrandom.alea(seed);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Standard normal (Marsaglia's polar method; the second value is kept for the next call). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * f;
        this.hasSpare = true;
        return u * f;
      }
    }
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Multiplicative jitter around 1: lognormal with the given sigma, median exactly 1. */
  jitter(sigma: number): number {
    return sigma === 0 ? 1 : Math.exp(sigma * this.normal());
  }

  /** Poisson count; exact below a mean of 30, normal approximation above. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
  }

  /** Binomial count of successes in n trials of probability p. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n < 40) {
      // Inversion: one uniform, walking the distribution from k = 0 (the likelier tail first).
      if (p > 0.5) return n - this.binomial(n, 1 - p);
      const u = this.next();
      const ratio = p / (1 - p);
      let prob = (1 - p) ** n;
      let cdf = prob;
      let k = 0;
      while (u > cdf && k < n) {
        prob *= (ratio * (n - k)) / (k + 1);
        cdf += prob;
        k++;
      }
      return k;
    }
    const mean = n * p;
    const variance = mean * (1 - p);
    if (variance < 9) {
      // Rare outcomes in many trials: Poisson is the better approximation.
      const q = p <= 0.5 ? this.poisson(mean) : n - this.poisson(n * (1 - p));
      return Math.min(n, Math.max(0, q));
    }
    return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(variance) * this.normal())));
  }
}

/** The named streams of one drill, each seeded with the drill seed and the stream's name. */
export class Streams {
  private readonly streams = new Map<string, Rng>();

  constructor(readonly seed: number) {}

  get(name: StreamName): Rng {
    let rng = this.streams.get(name);
    if (!rng) {
      rng = new Rng(`${this.seed}/${name}`);
      this.streams.set(name, rng);
    }
    return rng;
  }
}

export type StreamName = 'traffic' | 'latency' | 'durations' | 'pods' | 'checks' | 'suites' | 'responders';
