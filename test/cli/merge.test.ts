import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INLINE_DRILLS } from '../../src/cli/sweep/pool.js';
import { SCENARIOS } from '../helpers.js';
import { cli } from './cli-helpers.js';
import { tempDir } from './sweep-helpers.js';

const SCENARIO_FILES = [join(SCENARIOS, 'batched-change-rollback.yaml'), join(SCENARIOS, 'payment-schema-rollback.yaml')];
// Enough seeds that the whole run uses worker threads while each shard runs in one thread.
const SEEDS = String(Math.ceil((INLINE_DRILLS + 1) / 2));
const FILES = ['report.json', 'report.md', 'junit.xml', 'report.html'];

describe('firedrill run --shard and firedrill merge', () => {
  const root = tempDir('shards');
  const dir = (name: string): string => join(root, name);
  const run = (...extra: string[]): ReturnType<typeof cli> => cli('run', ...SCENARIO_FILES, '--playbook', 'unified-release-rollback', '--seeds', SEEDS, ...extra);

  beforeAll(async () => {
    expect((await run('--out', dir('whole'))).code).toBe(0);
    for (const k of [1, 2, 3]) expect((await run('--shard', `${k}/3`, '--out', dir(`shard-${k}`), '--format', 'md')).code).toBe(0);
  }, 120_000);

  it('gives each shard a deterministic slice of the grid, and always its report.json', () => {
    const seeds = [1, 2, 3].map((k) => JSON.parse(readFileSync(join(dir(`shard-${k}`), 'report.json'), 'utf8')).drills.map((d: { scenario: string; seed: number }) => `${d.scenario}#${d.seed}`));
    const all = seeds.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(2 * Number(SEEDS));
    expect(seeds[0]!.slice(0, 2)).toEqual(['batched-change-rollback#1', 'batched-change-rollback#4']);
  });

  it('merges the shards into exactly the reports of the unsharded run', async () => {
    const r = await cli('merge', dir('shard-2'), join(dir('shard-3'), 'report.json'), dir('shard-1'), '--out', dir('merged'));
    expect(r.code).toBe(0);
    for (const f of FILES) expect(readFileSync(join(dir('merged'), f), 'utf8'), f).toBe(readFileSync(join(dir('whole'), f), 'utf8'));
    expect(r.stdout).toMatch(/PASS {2}\d+ of \d+ drills met the target/);
  });

  it('refuses shards that are missing, repeated, of another run, or not shards', async () => {
    const missing = await cli('merge', dir('shard-1'), dir('shard-2'), '--out', dir('x'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/shard 3\/3 missing: merge needs all 3/);
    const twice = await cli('merge', dir('shard-1'), dir('shard-1'), dir('shard-2'), '--out', dir('x'));
    expect(twice.stderr).toMatch(/shard 1\/3 is given twice/);
    const whole = await cli('merge', dir('whole'), '--out', dir('x'));
    expect(whole.stderr).toMatch(/a whole run, not a shard/);
    const other = await cli('run', ...SCENARIO_FILES, '--playbook', 'unified-release-rollback', '--seeds', '5', '--shard', '3/3', '--out', dir('other'));
    expect(other.code).toBe(0);
    const mixed = await cli('merge', dir('shard-1'), dir('shard-2'), dir('other'), '--out', dir('x'));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/other\/report\.json:1:1: header: this shard is of a different run .*: the seeds differ/);
  });

  it('names the file and line of a damaged result', async () => {
    const damaged = dir('damaged');
    const lines = readFileSync(join(dir('shard-2'), 'report.json'), 'utf8').split('\n');
    lines[3] = '{"scenario": "x"';
    writeFileSync(join(root, 'damaged.json'), lines.join('\n'));
    const r = await cli('merge', dir('shard-1'), join(root, 'damaged.json'), dir('shard-3'), '--out', damaged);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/damaged\.json:4:1: a drill is not valid JSON/);
  });

  it('refuses a shard edited to put markup where a number or a verdict goes, naming the line', async () => {
    const text = readFileSync(join(dir('shard-2'), 'report.json'), 'utf8');
    const lines = text.split('\n');
    const cases: [number, (v: Record<string, unknown>) => void, RegExp][] = [
      [2, (d) => void (d.verdict = '<script>alert(1)</script>'), /edited\.json:3:1: expected a drill: verdict: Invalid option: expected one of "PASS"\|"FAIL"/],
      [2, (d) => void (d.score = '<img src=x onerror=alert(1)>'), /edited\.json:3:1: expected a drill: score: expected number, received string/],
    ];
    for (const [line, change, message] of cases) {
      const edited = [...lines];
      const record = JSON.parse(edited[line]!.replace(/,$/, ''));
      change(record);
      edited[line] = `${JSON.stringify(record)}${edited[line]!.endsWith(',') ? ',' : ''}`;
      writeFileSync(join(root, 'edited.json'), edited.join('\n'));
      const r = await cli('merge', dir('shard-1'), join(root, 'edited.json'), dir('shard-3'), '--out', dir('edited'));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const details = lines.findIndex((l) => l.startsWith('{"scenario"') && l.includes('"timeline"'));
    const edited = [...lines];
    const report = JSON.parse(edited[details]!.replace(/,$/, ''));
    report.seed = '1"><script>alert(1)</script>';
    edited[details] = `${JSON.stringify(report)}${edited[details]!.endsWith(',') ? ',' : ''}`;
    writeFileSync(join(root, 'edited.json'), edited.join('\n'));
    const r = await cli('merge', dir('shard-1'), join(root, 'edited.json'), dir('shard-3'), '--out', dir('edited'));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`edited\\.json:${details + 1}:1: expected the report of a drill: seed: expected number, received string`));
  });
});
