import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SCENARIOS } from '../helpers.js';
import { cli } from './cli-helpers.js';

const DESIGN_FIELDS = ['scenario', 'playbook', 'seed', 'verdict', 'targetMs', 'detectMs', 'mitigateMs', 'recoverMs', 'score', 'penalties', 'timeline', 'versions'];

describe('firedrill run', () => {
  it('exits 0 when the target is met and prints one JSON report with the design fields', async () => {
    const r = await cli('run', 'payment-schema-rollback', '--playbook', 'unified-release-rollback', '--seed', '4', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    for (const f of DESIGN_FIELDS) expect(report).toHaveProperty(f);
    expect(report).toMatchObject({ scenario: 'payment-schema-rollback', playbook: 'unified-release-rollback', seed: 4, verdict: 'PASS', targetMs: 300_000 });
    expect(report.versions.scenario).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report.versions.firedrill).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('exits 1 when the target is missed, and the human report says why', async () => {
    const r = await cli('run', join(SCENARIOS, 'payment-schema-rollback.yaml'), '--playbook', join(SCENARIOS, 'playbooks', 'code-only-rollback.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}not recovered/m);
    expect(r.stdout).toMatch(/CrashLoopBackOff/);
    expect(r.stdout).toMatch(/^replay it:\n {2}firedrill run .* --seed 1$/m);
  });

  it('refuses more worker threads than four per core of the machine', async () => {
    const max = 4 * availableParallelism();
    const r = await cli('run', 'transient-spike', '--playbook', 'reference', '--seeds', '20', '--workers', String(max + 1));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^firedrill: --workers ${max + 1} is more than 4 per core of this machine \\(${availableParallelism()} cores\\): give at most ${max}\n`));
  });

  it('prints byte-identical JSON when run twice with the same seed', async () => {
    const args = ['run', 'batched-change-rollback', '--playbook', 'sequential-config-rollback', '--seed', '11', '--json'];
    expect((await cli(...args)).stdout).toBe((await cli(...args)).stdout);
  });

  it('exits 2 on usage errors, with the usage', async () => {
    const noPlaybook = await cli('run', 'payment-schema-rollback');
    expect(noPlaybook.code).toBe(2);
    expect(noPlaybook.stderr).toMatch(/--playbook FILE is required.*\nUsage: firedrill run/);
    const badSeed = await cli('run', 'payment-schema-rollback', '--playbook', 'code-only-rollback', '--seed', 'x');
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toMatch(/--seed must be a whole number/);
    const unknownScenario = await cli('run', 'payment-schema-rolback', '--playbook', 'code-only-rollback');
    expect(unknownScenario.stderr).toMatch(/did you mean 'payment-schema-rollback'/);
    expect((await cli('run', 'x', '--fast')).code).toBe(2);
    expect((await cli('explode')).code).toBe(2);
  });

  it('exits 2 when a playbook reads a metric the scenario does not have, naming the line', async () => {
    const r = await cli('run', 'payment-schema-rollback', '--playbook', 'behavioural-pin');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/behavioural-pin\.yaml:\d+:\d+: triggers\[0\]\.metric: unknown metric 'sycophancy'.*scenario payment-schema-rollback has no such metric/);
  });
});

describe('firedrill validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-validate-'));

  it('passes the built-in files', async () => {
    const r = await cli('validate', join(SCENARIOS, 'model-feature-skew.yaml'), join(SCENARIOS, 'playbooks', 'atomic-config-rollback.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok {2}.*model-feature-skew\.yaml \(scenario\)\nok {2}.*atomic-config-rollback\.yaml \(playbook\)/);
  });

  it('exits 2 on a broken file with file:line:col and the field path, never a stack trace', async () => {
    const file = join(dir, 'broken.yaml');
    const text = readFileSync(join(SCENARIOS, 'shared-timeout-budget.yaml'), 'utf8').replace('rps: 3', 'rps: "three"');
    writeFileSync(file, text);
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    const line = text.split('\n').findIndex((l) => l.includes('rps: "three"')) + 1;
    expect(r.stderr).toBe(`${file}:${line}:8: traffic.rps: expected number, received string\n`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('warns of a rule that can never match, and passes the file', async () => {
    const file = join(dir, 'dead-rule.yaml');
    const text = readFileSync(join(SCENARIOS, 'payment-schema-rollback.yaml'), 'utf8').replace('payment-api: "< 2.15"', 'payment-api: "< 2.14"');
    writeFileSync(file, text);
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dead-rule\.yaml:\d+:\d+: rules\[1\]\.when: warning: rule 'old-code-new-schema' can never match/);
    expect(r.stdout).toMatch(/ok {2}.*dead-rule\.yaml \(scenario\)/);
  });

  it('exits 2 for a file that does not exist', async () => {
    const r = await cli('validate', join(dir, 'nope.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml:1:1: no such file/);
  });
});

describe('firedrill list, scorecard, --help, --version', () => {
  it('lists every built-in scenario with its title, layers and source', async () => {
    const r = await cli('list');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/payment-schema-rollback\s+Code rolled back, database not\n\s+layers: serving, data\n\s+source: March 2026.*\n\s+tags: layer:serving layer:data pattern:unified-rollback source:ai-rollback-strategies\n/);
    const json = JSON.parse((await cli('list', '--json')).stdout);
    expect(json.map((s: { id: string }) => s.id)).toContain('silent-provider-update');
    expect(json.find((s: { id: string }) => s.id === 'silent-provider-update').tags).toContain('pattern:pinned-versions');
  });

  it('prints the scorecard of the library with no command, and exits 0 when every reference passes', async () => {
    const r = await cli();
    expect(r.code).toBe(0);
    for (const id of ['payment-schema-rollback', 'model-feature-skew', 'silent-provider-update', 'shared-timeout-budget', 'batched-change-rollback']) {
      expect(r.stdout).toMatch(new RegExp(`${id}\\s+FAIL .*PASS recovered`));
    }
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Each built-in scenario drilled with its naive playbook \(.*meant to miss the target\) and its reference playbook \(meant to meet it\), seed 1\.$/);
    expect(r.stdout).toMatch(/^agent-drop-table {2,}FAIL .*\n {20,}no playbook can recover it in time; agent-drop-table-soft-delete adds the guardrail that prevents it$/m);
    expect(lines.at(-1)).toMatch(/^PASS {2}(\d+) of \1 reference playbooks met the target \(3 scenarios no playbook can recover not counted\); \d+ of \d+ naive playbooks missed it$/);
    // The README quotes some of its rows: each as it is printed (the README wraps long lines).
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const quoted = readme.slice(readme.indexOf('it prints the scorecard of the built-in library:')).split('```')[1]!.split('\n');
    const squeeze = (line: string): string => line.trim().replace(/\s+/g, ' ');
    const rows = quoted.filter((l) => /^[a-z][a-z0-9-]+ +(PASS|FAIL) /.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(lines.map(squeeze), row).toContain(squeeze(row));
  }, 30_000);

  it('answers --help and --version', async () => {
    expect((await cli('--help')).stdout).toMatch(/Usage: firedrill COMMAND/);
    expect((await cli('run', '--help')).stdout).toMatch(/--playbook FILE/);
    expect((await cli('--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
