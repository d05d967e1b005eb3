import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, type BenchResult } from './measure.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'dist', 'firedrill.js');
const ROUNDS = 15;
const WARMUP = 2;

/**
 * CPU time (user + system) of the children this process has waited for, in milliseconds, from
 * /proc: a child's CPU time stretches far less with the machine's load than its wall time.
 * Undefined where there is no /proc (then only wall time is reported).
 */
function childrenCpuMs(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After the command name: cutime and cstime are fields 16 and 17 of the line, in clock ticks of 10 ms.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

interface Timing {
  wallMs: number[];
  cpuMs: number[];
}

/**
 * Whole-process cold starts of the built command, each next to a bare `node -e 0` measured in
 * the same rounds: the rounds interleave the commands, so the machine's load weighs on each
 * alike. Judged by CPU time above bare node; wall times are shown beside.
 */
export function startBench(): BenchResult[] {
  if (!existsSync(BIN)) return [{ name: 'cold start of the built command', value: `${BIN} is missing`, target: 'npm run build first', met: false }];
  const commands: Record<string, string[]> = {
    node: ['-e', '0'],
    version: [BIN, '--version'],
    list: [BIN, 'list'],
    run: [BIN, 'run', 'payment-schema-rollback', '--playbook', 'reference'],
  };
  const timings: Record<string, Timing> = Object.fromEntries(Object.keys(commands).map((k) => [k, { wallMs: [], cpuMs: [] }]));
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const [name, args] of Object.entries(commands)) {
      const cpu0 = childrenCpuMs();
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const wall = performance.now() - t0;
      const cpu1 = childrenCpuMs();
      if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      if (round < WARMUP) continue;
      timings[name]!.wallMs.push(wall);
      if (cpu0 !== undefined && cpu1 !== undefined) timings[name]!.cpuMs.push(cpu1 - cpu0);
    }
  }
  const med = (xs: number[]): number => median([...xs].sort((a, b) => a - b));
  const base = timings.node!;
  const hasCpu = base.cpuMs.length > 0;
  const result = (name: string, label: string, budgetMs: number | undefined): BenchResult => {
    const t = timings[name]!;
    const wallAbove = med(t.wallMs) - med(base.wallMs);
    const cpuAbove = hasCpu ? med(t.cpuMs) - med(base.cpuMs) : wallAbove;
    const cpu = hasCpu ? `CPU ${med(t.cpuMs).toFixed(0)} ms (node -e 0: ${med(base.cpuMs).toFixed(0)} ms), ` : '';
    return {
      name: `cold start: firedrill ${label}`,
      value: `${cpuAbove.toFixed(0)} ms above bare node: ${cpu}wall ${med(t.wallMs).toFixed(0)} ms (node -e 0: ${med(base.wallMs).toFixed(0)} ms), medians of ${ROUNDS}`,
      target: budgetMs === undefined ? 'reported (no target)' : `< ${budgetMs} ms above bare node, ${hasCpu ? 'CPU' : 'wall'} time`,
      met: budgetMs === undefined || cpuAbove < budgetMs,
    };
  };
  return [result('version', '--version', 100), result('list', 'list', undefined), result('run', 'run payment-schema-rollback --playbook reference (the first incident)', 250)];
}
