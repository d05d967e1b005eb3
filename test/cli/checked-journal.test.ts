import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../helpers.js';
import { cli } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-journal-path-'));

describe('--journal', () => {
  it('refuses a file that exists already, unless --force is given', async () => {
    const path = join(dir, 'kept.journal');
    writeFileSync(path, 'last quarter\'s drill\n');
    const r = await cli('run', 'transient-spike', '--playbook', 'windowed-rollback', '--journal', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^firedrill: --journal ${path} exists already: give another file, or --force to replace it\\n`));
    expect(readFileSync(path, 'utf8')).toBe('last quarter\'s drill\n');
    const forced = await cli('run', 'transient-spike', '--playbook', 'windowed-rollback', '--journal', path, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8').split('\n')[0]!).scenario.id).toBe('transient-spike');
  });

  it('never writes over an input file of the drill, even with --force', async () => {
    const scenario = join(dir, 'spike.yaml');
    copyFileSync(join(SCENARIOS, 'transient-spike.yaml'), scenario);
    const before = readFileSync(scenario, 'utf8');
    const r = await cli('run', scenario, '--playbook', 'windowed-rollback', '--journal', scenario, '--force');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^firedrill: --journal ${scenario} is ${scenario}, an input of this drill: give another file\\n`));
    expect(readFileSync(scenario, 'utf8')).toBe(before);
  });
});
