import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../helpers.js';
import { cli } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-journal-'));

async function record(name: string, scenario = join(SCENARIOS, 'batched-change-rollback.yaml'), playbook = 'sequential-config-rollback'): Promise<{ path: string; json: string }> {
  const path = join(dir, `${name}.journal`);
  const r = await cli('run', scenario, '--playbook', playbook, '--seed', '5', '--journal', path, '--json');
  expect(r.code).toBe(1);
  return { path, json: r.stdout };
}

/** The parts of a report a replay must reproduce: everything the drill itself came to. */
const outcome = (json: string) => {
  const { playbookRun: _run, ...rest } = JSON.parse(json);
  return rest;
};

describe('journals on disk', () => {
  it('record every command as it is submitted, and replay to the same drill, verified', async () => {
    const { path, json } = await record('full');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!).scenario.id).toBe('batched-change-rollback');
    expect(lines.slice(1, -1).map((l) => JSON.parse(l).command)).toEqual(expect.arrayContaining(['rollback lb-routing', 'rollback conn-pool']));
    expect(JSON.parse(lines.at(-1)!).end.verdict).toBe('FAIL');
    const again = await cli('replay', path, '--verify', '--json');
    expect(again.stderr).toMatch(/the replay matches the recorded drill \(sha256:[0-9a-f]{64}\)/);
    expect(again.code).toBe(1);
    expect(outcome(again.stdout)).toEqual(outcome(json));
  });

  it('replay a journal cut mid-line up to its last whole line, and say where it stopped', async () => {
    const { path } = await record('cut');
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    const cut = join(dir, 'cut-short.journal');
    writeFileSync(cut, `${lines.slice(0, 3).join('\n')}\n${lines[3]!.slice(0, 15)}`);
    const r = await cli('replay', cut);
    expect(r.stderr).toMatch(/cut-short\.journal: line 4 was cut short; replaying the 2 commands before it/);
    expect(r.stdout).toMatch(/^FAIL/m);
  });

  it('refuse to verify a journal whose drill did not run to its end', async () => {
    const { path } = await record('interrupted');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const open = join(dir, 'no-end.journal');
    writeFileSync(open, `${lines.slice(0, -1).join('\n')}\n`);
    const r = await cli('replay', open, '--verify');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no end line/);
  });

  it('refuse a scenario that changed since the journal was recorded', async () => {
    const scenario = join(dir, 'batched.yaml');
    copyFileSync(join(SCENARIOS, 'batched-change-rollback.yaml'), scenario);
    const { path } = await record('changed', scenario);
    writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('rps: 300', 'rps: 310'));
    const r = await cli('replay', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/changed\.journal:1:1: scenario\.digest: the journal was recorded against batched-change-rollback with digest sha256:/);
  });

  it('call a replay that comes to another result a bug (exit 3)', async () => {
    const { path } = await record('tampered');
    const text = readFileSync(path, 'utf8').replace(/"result":"sha256:[0-9a-f]+"/, `"result":"sha256:${'0'.repeat(64)}"`);
    const tampered = join(dir, 'tampered-end.journal');
    writeFileSync(tampered, text);
    const r = await cli('replay', tampered, '--verify');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/This is a bug in firedrill/);
  });

  it('records one drill only', async () => {
    const r = await cli('run', join(SCENARIOS, 'batched-change-rollback.yaml'), '--playbook', 'sequential-config-rollback', '--seeds', '3', '--journal', join(dir, 'x.journal'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--journal records one drill/);
  });
});
