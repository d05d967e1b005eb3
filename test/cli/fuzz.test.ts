import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../helpers.js';
import { cli } from './cli-helpers.js';

const out = (): string => mkdtempSync(join(tmpdir(), 'firedrill-fuzz-'));

describe('firedrill fuzz', () => {
  it('exits 1 on a playbook that misses, writes the minimal incident, and prints the seed, the path and the commands that replay it', async () => {
    const dir = out();
    const r = await cli('fuzz', '--playbook', 'code-only-rollback', '--runs', '20', '--seed', '4', '--out', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/base world at release r41 \(rewound from r42/);
    expect(r.stdout).toMatch(/shrunk \d+ times to [12] faults?, drill seed \d+:/);
    const file = /^wrote (.*)$/m.exec(r.stdout)![1]!;
    expect(file).toMatch(new RegExp(`^${dir}/fuzz-payment-schema-rollback-code-only-rollback-seed4-[0-9a-f]{8}\\.yaml$`));
    expect(r.stdout).toMatch(/^replay the search:\n {2}firedrill fuzz --playbook code-only-rollback --scenario payment-schema-rollback --runs 20 --seed 4$/m);
    expect(r.stdout).toMatch(/^jump to the incident:\n {2}firedrill fuzz .* --seed 4 --path \d+(:\d+)*$/m);
    const schemaLine = /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(file, 'utf8'));
    expect(schemaLine, 'the written incident names its schema on its first line').not.toBeNull();
    expect(readFileSync(resolve(dirname(file), schemaLine![1]!), 'utf8')).toBe(readFileSync(join(SCENARIOS, 'schema', 'scenario.schema.json'), 'utf8'));

    const reproduce = /^reproduce the drill:\n {2}firedrill (run .*)$/m.exec(r.stdout)![1]!.split(' ');
    const run = await cli(...reproduce);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL/m);
  }, 60_000);

  it('prints the same search for the same seed, and one JSON document with --json', async () => {
    const args = ['fuzz', '--playbook', 'code-only-rollback', '--runs', '10', '--seed', '9', '--out', out(), '--json'];
    const [a, b] = [await cli(...args), await cli(...args)];
    const [ja, jb] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect({ ...ja, file: undefined, reproduce: undefined }).toEqual({ ...jb, file: undefined, reproduce: undefined });
    expect(ja).toMatchObject({ scenario: 'payment-schema-rollback', playbook: 'code-only-rollback', seed: 9, found: true, verdict: 'FAIL' });
    expect(ja.incident.faults.length).toBeLessThanOrEqual(2);
    expect(existsSync(ja.file)).toBe(true);
  }, 60_000);

  it('exits 0 when no incident makes the playbook miss', async () => {
    const dir = out();
    const r = await cli('fuzz', '--playbook', 'tts-pointer-rollback', '--scenario', 'shared-timeout-budget', '--faults', 'traffic', '--runs', '3', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS {2}none of 3 incidents made the playbook miss its target \(search seed 1\)/);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('exits 2 on bad usage, naming what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [[], /--playbook FILE is required/],
      [['--playbook', 'code-only-rollback', '--faults', 'deplyo'], /unknown fault kind 'deplyo'; did you mean 'deploy'\?/],
      [['--playbook', 'code-only-rollback', '--faults', 'agent'], /payment-schema-rollback offers no fault of the kinds agent/],
      [['--playbook', 'code-only-rollback', '--path', '1;rm'], /--path takes the path an earlier search printed/],
      [['--playbook', 'code-only-rollback', '--runs', '0'], /--runs must be a whole number of at least 1/],
      [['--playbook', 'code-only-rollback', '--scenario', 'payment-schema-rollbak'], /unknown scenario 'payment-schema-rollbak'; did you mean 'payment-schema-rollback'\?/],
      [['--playbook', 'no-such-playbook.yaml'], /unknown playbook/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('fuzz', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});
