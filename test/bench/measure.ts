/** CPU time of this process so far (user + system), in milliseconds. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs `fn` `runs` times after `warmup` runs and returns the sorted CPU times in milliseconds.
 * CPU time, not wall time: on a machine shared with other work a wall-clock figure stretches
 * with the load, and verdicts would flip with it. With `budgetMs`, stops early (after at
 * least three runs) once the timed runs have used that much CPU: for the slow cases of a curve.
 */
export function timeRuns(fn: () => void, runs: number, warmup = 3, budgetMs = Infinity): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  let spent = 0;
  for (let i = 0; i < runs && (i < 3 || spent < budgetMs); i++) {
    const t0 = cpuMs();
    fn();
    const ms = cpuMs() - t0;
    out.push(ms);
    spent += ms;
  }
  return out.sort((a, b) => a - b);
}

/**
 * Runs `fn` until the code it runs has settled: at least `minRuns` times and `budgetMs` of CPU.
 * A cheap drill's first runs are mostly the compiler's work (tens of milliseconds each for a
 * drill that then takes a few): one warm-up run would leave that in the figures of the small
 * points of a curve, and inflate them against the large ones.
 */
export function warmUp(fn: () => void, minRuns = 1, budgetMs = 400): void {
  const t0 = cpuMs();
  for (let i = 0; i < minRuns || cpuMs() - t0 < budgetMs; i++) fn();
}

export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[n >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export interface BenchResult {
  name: string;
  value: string;
  target: string;
  met: boolean;
  detail?: string;
}
