/**
 * A line through noisy per-second values: a centred rolling mean, so a change shows where it
 * happened rather than a window later. The per-second values stay on the chart, faint, so a
 * one-second spike is never smoothed out of sight.
 */

/** Averaging spans a reader can name: the smallest that gives a chart about this many of them. */
const SPANS_MS = [5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600].map((s) => s * 1000);
const SPANS_PER_CHART = 80;

/** How long a span the smoothed line averages over, for a chart `endMs` long. */
export function smoothingMs(endMs: number): number {
  return SPANS_MS.find((s) => endMs / s <= SPANS_PER_CHART) ?? SPANS_MS[SPANS_MS.length - 1]!;
}

/** The mean of the values within `width` points centred on each (gaps ignored; null where all are gaps). */
export function rollingMean(values: readonly (number | null)[], width: number): (number | null)[] {
  const half = Math.floor(Math.max(1, width) / 2);
  const out: (number | null)[] = [];
  let sum = 0;
  let n = 0;
  const add = (i: number, sign: 1 | -1): void => {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    sum += sign * v;
    n += sign;
  };
  for (let i = 0; i <= Math.min(half, values.length - 1); i++) add(i, 1);
  for (let i = 0; i < values.length; i++) {
    out.push(n > 0 ? sum / n : null);
    if (i + half + 1 < values.length) add(i + half + 1, 1);
    if (i - half >= 0) add(i - half, -1);
  }
  return out;
}
