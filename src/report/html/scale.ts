/** Axis arithmetic for the SVG charts: round tick steps, value formats, and a path that keeps spikes. */

export interface Axis {
  lo: number;
  hi: number;
  ticks: number[];
}

/** A step of 1, 2 or 5 times a power of ten giving about `count` intervals over the span. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  // Spans like 1 - 0.96 carry float noise (0.04000000000000004): do not let it bump the step.
  const unit = raw / power - 1e-9;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/** Fixes float noise in tick values (0.30000000000000004 -> 0.3), so labels and bytes are stable. */
function clean(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

export function niceAxis(lo: number, hi: number, count = 4): Axis {
  if (hi <= lo) hi = lo + (lo === 0 ? 1 : Math.abs(lo) * 0.1);
  const step = niceStep(hi - lo, count);
  const from = Math.floor(lo / step) * step;
  const to = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = from; t <= to + step / 2; t += step) ticks.push(clean(t));
  return { lo: clean(from), hi: clean(to), ticks };
}

/** Time ticks on whole minutes (or seconds for short spans) giving about `count` intervals. */
export function timeTicks(endMs: number, count = 8): number[] {
  const steps = [10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];
  const step = steps.find((s) => endMs / s <= count) ?? 7_200_000;
  const out: number[] = [];
  for (let t = 0; t <= endMs; t += step) out.push(t);
  return out;
}

export type ValueFormat = 'percent' | 'ms' | 'number';

export function formatValue(v: number, format: ValueFormat): string {
  if (format === 'percent') {
    const p = v * 100;
    return `${Math.abs(p) >= 10 || p === 0 ? Math.round(p * 10) / 10 : Number.parseFloat(p.toPrecision(2))}%`;
  }
  if (format === 'ms') return v >= 1000 ? `${Number.parseFloat((v / 1000).toPrecision(3))} s` : `${Math.round(v)} ms`;
  return Math.abs(v) >= 100 ? String(Math.round(v)) : String(Number.parseFloat(v.toPrecision(3)));
}

/** Coordinates rounded to a tenth of a pixel: enough for the eye, short and stable in the file. */
export function px(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/**
 * The SVG path of a series, at most two points per pixel column (the lowest and highest value in
 * it, in time order) so a one-second spike on a two-hour chart still shows. A gap in the data
 * (null) lifts the pen.
 */
export function seriesPath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  const out: string[] = [];
  let pen = false;
  let column = Number.NaN;
  let lo: { i: number; v: number } | null = null;
  let hi: { i: number; v: number } | null = null;
  const flush = (): void => {
    if (!lo || !hi) return;
    const pts = lo.i <= hi.i ? [lo, hi] : [hi, lo];
    const unique = lo === hi ? [lo] : pts;
    for (const p of unique) {
      out.push(`${pen ? 'L' : 'M'}${px(x(p.i))} ${px(y(p.v))}`);
      pen = true;
    }
    lo = hi = null;
  };
  values.forEach((v, i) => {
    const col = Math.round(x(i));
    if (col !== column) {
      flush();
      column = col;
    }
    if (v === null || !Number.isFinite(v)) {
      flush();
      pen = false;
      return;
    }
    const p = { i, v };
    if (!lo || v < lo.v) lo = p;
    if (!hi || v > hi.v) hi = p;
  });
  flush();
  return out.join('');
}
