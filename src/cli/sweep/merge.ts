import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../formats/source.js';
import type { Report } from '../../report/report.js';
import { seedCount, type SweepHeader } from '../../report/sweep/header.js';
import { readSweepDrills, readSweepHeader, readSweepParts } from '../../report/sweep/reader.js';
import type { DrillRecord } from '../../report/sweep/record.js';
import { SummaryBuilder, type SweepSummary } from '../../report/sweep/summary.js';
import { UsageError } from '../io.js';
import { fileLines } from '../stream-file.js';
import { cellAt, cellCount, type Grid } from './grid.js';

interface ShardFile {
  file: string;
  header: SweepHeader;
}

const fail = (file: string, message: string): never => {
  throw new InputError([{ file, line: 1, column: 1, path: 'header', message }]);
};

/** A result file named directly, or the report.json inside an output folder. */
export function resultFile(arg: string): string {
  const file = existsSync(arg) && statSync(arg).isDirectory() ? join(arg, 'report.json') : arg;
  if (!existsSync(file)) throw new UsageError(`no result file at ${file} (give the report.json a sharded run wrote, or its folder)`, 'merge');
  return file;
}

/** What must be equal for shards to belong to one sweep: everything in the header but the shard. */
function sweepIdentity(h: SweepHeader): string {
  return JSON.stringify({ ...h, shard: null });
}

/** Checks the files are the N shards of one sweep, each once, and returns them in shard order. */
export function checkShards(files: readonly string[]): ShardFile[] {
  const shards = files.map((file) => ({ file, header: readSweepHeader(fileLines(file), file) }));
  const first = shards[0]!;
  for (const s of shards) {
    if (s.header.shard === null) fail(s.file, 'this result is a whole run, not a shard: there is nothing to merge it with');
  }
  const count = first.header.shard!.count;
  for (const s of shards) {
    const shard = s.header.shard!;
    if (shard.count !== count) fail(s.file, `shard ${shard.index}/${shard.count} is of a split into ${shard.count}, but ${first.file} is of a split into ${count}`);
    if (sweepIdentity(s.header) !== sweepIdentity(first.header)) {
      const what = s.header.firedrill !== first.header.firedrill ? 'firedrill version' : JSON.stringify(s.header.seeds) !== JSON.stringify(first.header.seeds) ? 'seeds' : 'scenarios, playbooks or their contents';
      fail(s.file, `this shard is of a different run than ${first.file}: the ${what} differ`);
    }
  }
  const byIndex = new Map<number, ShardFile>();
  for (const s of shards) {
    const other = byIndex.get(s.header.shard!.index);
    if (other) fail(s.file, `shard ${s.header.shard!.index}/${count} is given twice (also ${other.file})`);
    byIndex.set(s.header.shard!.index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) fail(first.file, `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge needs all ${count}`);
  return Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
}

/**
 * Combines shards into the result of the whole sweep. Shard K holds grid cells K-1, K-1+N, ...
 * in order, so taking one drill from each shard in turn walks the grid in its own order: the
 * summary is built from the same drills in the same order as a whole run's, and the details are
 * those of the whole sweep's worst seeds. The result is that run's, byte for byte.
 */
export function mergeShards(
  shards: readonly ShardFile[],
  onStart: (header: SweepHeader) => void,
  onDrill: (r: DrillRecord) => void,
): { header: SweepHeader; summary: SweepSummary; details: Report[] } {
  const header: SweepHeader = { ...shards[0]!.header, shard: null };
  const grid: Grid = { cases: header.cases.length, firstSeed: header.seeds.first, seeds: seedCount(header) };
  const builder = new SummaryBuilder(header);
  const streams = shards.map((s) => readSweepDrills(fileLines(s.file), s.file)[Symbol.iterator]());
  onStart(header);
  const total = cellCount(grid);
  for (let i = 0; i < total; i++) {
    const s = i % shards.length;
    const next = streams[s]!.next();
    const { caseIndex, seed } = cellAt(grid, i);
    const want = header.cases[caseIndex]!;
    if (next.done) fail(shards[s]!.file, `the shard ends early: drill ${want.scenario} seed ${seed} is missing`);
    const r = next.value as DrillRecord;
    if (r.scenario !== want.scenario || r.playbook !== want.playbook || r.seed !== seed) {
      fail(shards[s]!.file, `expected drill ${want.scenario} with ${want.playbook} seed ${seed} next, found ${r.scenario} with ${r.playbook} seed ${r.seed}`);
    }
    builder.add(r);
    onDrill(r);
  }
  streams.forEach((it, s) => {
    if (!it.next().done) fail(shards[s]!.file, 'the shard has more drills than its slice of the grid');
  });
  const summary = builder.finish();
  const available = shards.flatMap((s) => readSweepParts(fileLines(s.file), s.file).details);
  const details = summary.cases.flatMap((c) => {
    if (!c.worst) return [];
    const d = available.find((x) => x.scenario === c.scenario && x.playbook === c.playbook && x.seed === c.worst!.seed);
    return d ? [d] : fail(shards[0]!.file, `no shard has the full report of ${c.scenario} seed ${c.worst.seed}, the worst seed of the sweep`);
  });
  return { header, summary, details };
}
