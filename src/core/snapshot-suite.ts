/**
 * The statistics of a behavioural snapshot suite: `n` known cases, each passing or failing,
 * compared with the share the system had at its baseline. A one-sided exact binomial test asks
 * how likely a count at least this bad would be if nothing had changed; the suite fails a
 * comparison when that is below the significance level shared by all comparisons of the run
 * (Bonferroni), so a healthy system fails a whole run no more often than the level says.
 */

/** The sources' suite: "500 known-difficult cases". */
export const SUITE_CASES = 500;
/** A healthy system fails one run in a hundred at most. */
export const DEFAULT_SIGNIFICANCE = 0.01;
/** Suites larger than this are refused: the exact test sums one term per case. */
export const MAX_SUITE_CASES = 1_000_000;

/** ln(n choose k) for every k, by the running sum of logs (exact enough for n up to millions). */
function logChoose(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) out[k] = out[k - 1]! + Math.log(n - k + 1) - Math.log(k);
  return out;
}

/**
 * P(X <= k) (`side` 'low') or P(X >= k) (`side` 'high') for X ~ Binomial(n, p): the chance of a
 * count at least as far out as `k` on that side, summed in log space so no term underflows.
 */
export function binomialTail(n: number, p: number, k: number, side: 'low' | 'high'): number {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SUITE_CASES) throw new RangeError(`a suite of ${n} cases: expected a whole number from 0 to ${MAX_SUITE_CASES}`);
  if (side === 'low' ? k >= n : k <= 0) return 1;
  if (side === 'low' ? k < 0 : k > n) return 0;
  if (p <= 0) return side === 'low' ? 1 : 0;
  if (p >= 1) return side === 'low' ? 0 : 1;
  const choose = logChoose(n);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const [from, to] = side === 'low' ? [0, k] : [k, n];
  let max = -Infinity;
  const terms = new Float64Array(to - from + 1);
  for (let i = from; i <= to; i++) {
    const t = choose[i]! + i * lp + (n - i) * lq;
    terms[i - from] = t;
    if (t > max) max = t;
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return Math.min(1, Math.exp(max) * sum);
}

export interface SnapshotComparison {
  name: string;
  /** The share at the baseline, and which way is good. */
  baseline: number;
  good: 'high' | 'low';
  /** Cases that came out "positive" (a good answer; for a rate, a case showing the behaviour). */
  count: number;
}

export interface SnapshotVerdict {
  name: string;
  measured: number;
  baseline: number;
  /** How likely a count at least this much worse would be with nothing changed. */
  pValue: number;
  worse: boolean;
}

/**
 * Compares each measured share with its baseline; a comparison is worse when its p-value is below
 * `significance` divided by the number of comparisons.
 */
export function judgeSnapshot(cases: number, comparisons: readonly SnapshotComparison[], significance: number): SnapshotVerdict[] {
  const level = significance / Math.max(1, comparisons.length);
  return comparisons.map((c) => {
    const pValue = binomialTail(cases, c.baseline, c.count, c.good === 'high' ? 'low' : 'high');
    return { name: c.name, measured: c.count / cases, baseline: c.baseline, pValue, worse: pValue < level };
  });
}
