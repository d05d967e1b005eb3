import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shardOption } from '../../src/cli/sweep/shard-env.js';
import { SCENARIOS } from '../helpers.js';
import { cli, cliWith } from './cli-helpers.js';
import { tempDir } from './sweep-helpers.js';

const SCENARIO_FILES = [join(SCENARIOS, 'transient-spike.yaml'), join(SCENARIOS, 'prompt-template-regression.yaml')];
const FILES = ['report.json', 'report.md', 'junit.xml', 'report.html'];

describe('--shard auto', () => {
  it('reads GitLab\'s 1-based CI_NODE_INDEX and CI_NODE_TOTAL', () => {
    expect(shardOption({ shard: 'auto' }, { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' }, 'run')).toEqual({ index: 2, count: 3 });
  });

  it('reads a Kubernetes Indexed Job\'s 0-based JOB_COMPLETION_INDEX with the count from --shards', () => {
    expect(shardOption({ shard: 'auto', shards: '3' }, { JOB_COMPLETION_INDEX: '0' }, 'run')).toEqual({ index: 1, count: 3 });
    expect(() => shardOption({ shard: 'auto' }, { JOB_COMPLETION_INDEX: '0' }, 'run')).toThrow(/give --shards N/);
    expect(() => shardOption({ shard: 'auto', shards: '3' }, { JOB_COMPLETION_INDEX: '3' }, 'run')).toThrow(/JOB_COMPLETION_INDEX=3 is not below --shards 3/);
  });

  it('says what it looked for when the environment names no shard, and refuses what does not add up', () => {
    expect(() => shardOption({ shard: 'auto' }, {}, 'run')).toThrow(/CI_NODE_INDEX and CI_NODE_TOTAL.*JOB_COMPLETION_INDEX/);
    expect(() => shardOption({ shard: 'auto' }, { CI_NODE_INDEX: '4', CI_NODE_TOTAL: '3' }, 'run')).toThrow(/CI_NODE_INDEX=4 is more than CI_NODE_TOTAL=3/);
    expect(() => shardOption({ shard: 'auto' }, { CI_NODE_INDEX: 'one', CI_NODE_TOTAL: '3' }, 'run')).toThrow(/CI_NODE_INDEX="one" is not a shard index/);
    expect(() => shardOption({ shard: '1/2', shards: '2' }, {}, 'run')).toThrow(/--shards N goes with --shard auto/);
  });

  describe('driven by the CI engine\'s variables', () => {
    const root = tempDir('shard-auto');
    const dir = (name: string): string => join(root, name);
    const run = (env: Record<string, string>, ...extra: string[]): ReturnType<typeof cli> =>
      cliWith({ env }, 'run', ...SCENARIO_FILES, '--playbook', 'reference', '--seeds', '5', '--no-config', ...extra);

    beforeAll(async () => {
      expect((await run({}, '--out', dir('whole'))).code).toBe(0);
      for (const k of [1, 2, 3]) expect((await run({ CI_NODE_INDEX: String(k), CI_NODE_TOTAL: '3' }, '--shard', 'auto', '--out', dir(`gitlab-${k}`))).code).toBe(0);
      for (const k of [0, 1]) expect((await run({ JOB_COMPLETION_INDEX: String(k) }, '--shard', 'auto', '--shards', '2', '--out', dir(`k8s-${k}`))).code).toBe(0);
    }, 120_000);

    it('merges GitLab\'s parallel jobs into exactly the reports of the unsharded run', async () => {
      const r = await cli('merge', dir('gitlab-1'), dir('gitlab-2'), dir('gitlab-3'), '--out', dir('gitlab'));
      expect(r.code).toBe(0);
      for (const f of FILES) expect(readFileSync(join(dir('gitlab'), f), 'utf8'), f).toBe(readFileSync(join(dir('whole'), f), 'utf8'));
    });

    it('merges the pods of a Kubernetes Indexed Job into exactly the reports of the unsharded run', async () => {
      const r = await cli('merge', dir('k8s-1'), dir('k8s-0'), '--out', dir('k8s'));
      expect(r.code).toBe(0);
      for (const f of FILES) expect(readFileSync(join(dir('k8s'), f), 'utf8'), f).toBe(readFileSync(join(dir('whole'), f), 'utf8'));
      const header = JSON.parse(readFileSync(join(dir('k8s-0'), 'report.json'), 'utf8')).header;
      expect(header.shard).toEqual({ index: 1, count: 2 });
    });
  });
});
