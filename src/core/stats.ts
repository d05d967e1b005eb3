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
 *
 * The whole system's mixture has a component per route, and most are alike (routes served by
 * the same pods with nothing queued): a run of equal components has its distribution computed
 * once a step, each still weighed and added in its turn, so the sum is the one a part-by-part
 * loop would make, to the last bit.
 */
export function mixtureQuantile(parts: readonly LatencyComponent[], z: number): number {
  if (parts.length === 1) {
    const p = parts[0]!;
    return p.weight > 0 ? p.offsetMs + p.medianMs * Math.exp(p.sigma * z) : NaN;
  }
  let live = 0;
  let last: LatencyComponent | undefined;
  let total = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of parts) {
    if (!(p.weight > 0)) continue;
    live++;
    last = p;
    total += p.weight;
    lo = Math.min(lo, p.offsetMs);
    hi = Math.max(hi, p.offsetMs + p.medianMs * Math.exp(p.sigma * 6));
  }
  if (live === 0) return NaN;
  if (live === 1) return last!.offsetMs + last!.medianMs * Math.exp(last!.sigma * z);
  const q = normalCdf(z);
  // A tenth of a per cent is finer than any dashboard shows.
  for (let i = 0; i < 40 && hi - lo > 1e-3 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (mixtureCdf(parts, mid) / total < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The weighted distribution of the components at `atMs` (not divided by their total weight). */
function mixtureCdf(parts: readonly LatencyComponent[], atMs: number): number {
  let cdf = 0;
  let offsetMs = NaN;
  let medianMs = NaN;
  let sigma = NaN;
  /** What the last distinct component gave: nothing (0), its whole weight (1), or its distribution (2). */
  let kind = 0;
  let share = 0;
  for (const p of parts) {
    if (!(p.weight > 0)) continue;
    if (p.offsetMs !== offsetMs || p.medianMs !== medianMs || !Object.is(p.sigma, sigma)) {
      offsetMs = p.offsetMs;
      medianMs = p.medianMs;
      sigma = p.sigma;
      const x = atMs - offsetMs;
      kind = x > 0 && medianMs > 0 ? 2 : x > 0 ? 1 : 0;
      if (kind === 2) share = normalCdf(Math.log(x / medianMs) / sigma);
    }
    if (kind === 2) cdf += p.weight * share;
    else if (kind === 1) cdf += p.weight;
  }
  return cdf;
}
