import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, type BenchResult } from './measure.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LIBRARY = join(ROOT, 'scenarios');
// Enough drills (about 20 s on one thread) that starting the threads is a small part of the time.
const SPEEDUP_SEEDS = 200;
const SPEEDUP_RUNS = 3;

interface ChildRun {
  ms: number;
  /** CPU of the whole process, every thread included. */
  cpuMs: number;
  code: number;
  maxRssMb: number;
}

/** One `firedrill run` of the whole library against each scenario's reference playbook, in a child process. */
function sweep(seeds: number, extra: string[] = []): ChildRun {
  const out = mkdtempSync(join(tmpdir(), 'firedrill-bench-'));
  try {
    const args = ['--import', 'tsx', join(import.meta.dirname, 'sweep-child.ts'), 'run', LIBRARY, '--playbook', 'reference', '--seeds', String(seeds), '--out', out, ...extra];
    const line = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!;
    return JSON.parse(line) as ChildRun;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * The sweep as a CI job runs it: every scenario of the library against its reference playbook,
 * 1,000 seeds each, all four report formats, on the default worker threads. Then the same
 * sweep on 100 seeds, to show peak memory does not grow with seeds, and the speedup from one
 * worker thread to two (medians of alternating runs, since the machine is shared).
 */
export function sweepBench(): BenchResult[] {
  const scenarios = readdirSync(LIBRARY).filter((f) => f.endsWith('.yaml')).length;
  const full = sweep(1000);
  const small = sweep(SPEEDUP_SEEDS);
  const one: number[] = [];
  const two: number[] = [];
  for (let i = 0; i < SPEEDUP_RUNS; i++) {
    one.push(sweep(SPEEDUP_SEEDS, ['--workers', '1', '--format', 'json']).ms);
    two.push(sweep(SPEEDUP_SEEDS, ['--workers', '2', '--format', 'json']).ms);
  }
  const t1 = median(one.sort((a, b) => a - b));
  const t2 = median(two.sort((a, b) => a - b));
  const drills = scenarios * 1000;
  return [
    {
      name: `sweep: ${scenarios} scenarios x 1,000 seeds against their reference playbooks, JSON + Markdown + JUnit + HTML`,
      value: `${seconds(full.ms)} for ${drills.toLocaleString('en')} drills (${Math.round(drills / (full.ms / 1000))} drills/s, ${seconds(full.cpuMs)} CPU in all threads, exit ${full.code})`,
      target: '< 60 s',
      met: full.ms < 60_000,
    },
    {
      name: 'sweep: 2 worker threads against 1',
      value: `${(t1 / t2).toFixed(2)}x faster (median of ${SPEEDUP_RUNS}: ${seconds(t1)} with 1, ${seconds(t2)} with 2; ${scenarios} scenarios x ${SPEEDUP_SEEDS} seeds)`,
      target: '>= 1.7x',
      met: t1 / t2 >= 1.7,
    },
    {
      name: 'sweep: peak memory of the whole process, worker threads included (maxRSS)',
      value: `${Math.round(full.maxRssMb)} MB at 1,000 seeds, ${Math.round(small.maxRssMb)} MB at ${SPEEDUP_SEEDS} seeds`,
      target: '< 400 MB whatever the number of seeds',
      met: full.maxRssMb < 400 && small.maxRssMb < 400,
    },
  ];
}
