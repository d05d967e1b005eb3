/** Standard normal cumulative distribution (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** z-scores of the quantiles the world reports. */
export const Z_P50 = 0;
export const Z_P99 = 2.3263478740408408;

/** P(X > limit) for X lognormal with the given median and sigma. */
export function lognormalTail(medianMs: number, sigma: number, limitMs: number): number {
  if (limitMs <= 0) return 1;
  if (medianMs <= 0) return 0;
  return 1 - normalCdf(Math.log(limitMs / medianMs) / sigma);
}

export interface LatencyComponent {
  weight: number;
  offsetMs: number;
  medianMs: number;
  sigma: number;
}

/**
 * Quantile of a mixture of shifted lognormals (one per group of pods serving a route):
 * closed form for one component, bisection on the mixture's distribution otherwise.
 */
export function mixtureQuantile(parts: readonly LatencyComponent[], z: number): number {
  if (parts.length === 1) {
    const p = parts[0]!;
    return p.weight > 0 ? p.offsetMs + p.medianMs * Math.exp(p.sigma * z) : NaN;
  }
  const live = parts.filter((p) => p.weight > 0);
  if (live.length === 0) return NaN;
  if (live.length === 1) {
    const p = live[0]!;
    return p.offsetMs + p.medianMs * Math.exp(p.sigma * z);
  }
  const q = normalCdf(z);
  const total = live.reduce((s, p) => s + p.weight, 0);
  let lo = Math.min(...live.map((p) => p.offsetMs));
  let hi = Math.max(...live.map((p) => p.offsetMs + p.medianMs * Math.exp(p.sigma * 6)));
  // A tenth of a per cent is finer than any dashboard shows.
  for (let i = 0; i < 40 && hi - lo > 1e-3 * hi; i++) {
    const mid = (lo + hi) / 2;
    let cdf = 0;
    for (const p of live) {
      const x = mid - p.offsetMs;
      if (x > 0 && p.medianMs > 0) cdf += p.weight * normalCdf(Math.log(x / p.medianMs) / p.sigma);
      else if (x > 0) cdf += p.weight;
    }
    if (cdf / total < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
