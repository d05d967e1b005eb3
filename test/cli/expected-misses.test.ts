import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SCENARIOS } from '../helpers.js';
import { cli } from './cli-helpers.js';
import { firedrillProcess } from './process-helpers.js';
import { tempDir } from './sweep-helpers.js';

const UNRECOVERABLE = ['agent-drop-table', 'terraform-destroy', 'token-deletes-volume'];

describe('expected misses', () => {
  it('let the library run against its reference playbooks from the repository root exit 0, saying why three miss', () => {
    const r = firedrillProcess(['run', 'scenarios/', '--playbook', 'reference'], 60_000, { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS {2}21 of 24 drills met the target \(87\.5%\); 3 drills of 3 cases missed it as expected$/m);
    for (const id of UNRECOVERABLE) {
      expect(r.stdout).toMatch(new RegExp(`^EXPECTED MISS +${id} `, 'm'));
      expect(r.stdout).toMatch(new RegExp(`^  ${id} / [a-z-]+: missed as expected: .+ \\(listed in firedrill\\.config\\.yaml:\\d+\\)$`, 'm'));
    }
    expect(r.stdout).toContain('only the provider-held snapshot remains');
  }, 90_000);

  it('leave the same run failing without the config', () => {
    const r = firedrillProcess(['run', 'scenarios/', '--playbook', 'reference', '--no-config'], 60_000, { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}21 of 24 drills met the target \(87\.5%\); 3 of 24 cases missed it at least once$/m);
    for (const id of UNRECOVERABLE) expect(r.stdout).toMatch(new RegExp(`^FAIL +${id} `, 'm'));
  }, 90_000);

  it('fail the run, naming the scenario and the line to remove, when an expected miss meets its target', async () => {
    const dir = tempDir('expect');
    const file = join(dir, 'expected.yaml');
    writeFileSync(file, 'expectedMisses:\n  - scenario: agent-drop-table\n    reason: the data is gone\n  - scenario: transient-spike\n    playbook: windowed-rollback\n    reason: thought to be flaky\n');
    const r = await cli('run', 'agent-drop-table', 'transient-spike', '--playbook', 'reference', '--seeds', '2', '--expect', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^UNEXPECTED PASS +transient-spike /m);
    expect(r.stdout).toContain(`transient-spike / windowed-rollback: listed as an expected miss (thought to be flaky), but 2 of 2 drills met the target: remove it from ${file}:4`);
    expect(r.stdout).toMatch(/^EXPECTED MISS +agent-drop-table /m);
    expect(r.stdout).toMatch(/^FAIL {2}2 of 4 drills met the target \(50\.0%\); 2 drills of 1 case missed it as expected; 2 drills of 1 case met it though expected to miss$/m);
  });

  it('name the line of an expected miss whose id is one typo away from a scenario given, and keep quiet about ids far from all', async () => {
    const dir = tempDir('expect-typo');
    const file = join(dir, 'expected.yaml');
    writeFileSync(file, 'expectedMisses:\n  - scenario: agent-drop-tabel\n    reason: the data is gone\n  - scenario: some-other-team-incident\n    reason: theirs\n');
    const r = await cli('run', 'agent-drop-table', '--playbook', 'reference', '--expect', file);
    expect(r.stderr).toBe(`firedrill: ${file}:2: the expected miss names 'agent-drop-tabel', which is not among the scenarios given; did you mean 'agent-drop-table'?\n`);
    expect(r.code).toBe(1);
  });

  it('apply to a single drill: an expected miss exits 0 and says why, the same drill passing exits 1', async () => {
    const dir = tempDir('expect-one');
    const file = join(dir, 'expected.yaml');
    writeFileSync(file, 'expectedMisses:\n  - scenario: agent-drop-table\n    reason: the data is gone\n  - scenario: transient-spike\n    reason: thought to be flaky\n');
    const miss = await cli('run', 'agent-drop-table', '--playbook', 'reference', '--expect', file);
    expect(miss.code).toBe(0);
    expect(miss.stdout).toContain(`EXPECTED MISS  missed as expected: the data is gone (listed in ${file}:2)`);
    const pass = await cli('run', 'transient-spike', '--playbook', 'reference', '--expect', file);
    expect(pass.code).toBe(1);
    expect(pass.stdout).toContain('UNEXPECTED PASS  listed as an expected miss (thought to be flaky), but the drill met its target');
  });

  it('are refused with their place when a file lists one twice or gives no reason', async () => {
    const dir = tempDir('expect-bad');
    const file = join(dir, 'expected.yaml');
    writeFileSync(file, 'expectedMisses:\n  - scenario: a\n    reason: one\n  - scenario: a\n    reason: two\n');
    const twice = await cli('run', 'transient-spike', '--playbook', 'reference', '--expect', file);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe(`${file}:4:5: expectedMisses[1]: a is listed twice (also at line 2): keep one entry, with one reason\n`);
    writeFileSync(file, 'expectedMisses:\n  - scenario: b\n    reason: "  "\n');
    const blank = await cli('run', 'transient-spike', '--playbook', 'reference', '--expect', file);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toBe(`${file}:3:13: expectedMisses[0].reason: say why the miss is expected: every report shows it\n`);
  });
});

describe('the config file', () => {
  function project(config: string): { dir: string; nested: string } {
    const dir = tempDir('config');
    mkdirSync(join(dir, 'drills'));
    writeFileSync(join(dir, 'drills', 'spike.yaml'), readFileSync(join(SCENARIOS, 'transient-spike.yaml')));
    const nested = join(dir, 'services', 'api');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(dir, 'firedrill.config.yaml'), config);
    return { dir, nested };
  }

  it('is found from the working folder up, and its paths are read from its own folder', () => {
    const { dir, nested } = project('scenarios: [drills]\nplaybook: windowed-rollback\nseeds: 3\nformats: [json, md]\nout: reports/ci\n');
    const r = firedrillProcess(['run'], 30_000, { cwd: nested });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('windowed-rollback on transient-spike, seeds 1-3 (3 drills)');
    const result = JSON.parse(readFileSync(join(dir, 'reports', 'ci', 'report.json'), 'utf8'));
    expect(result.header.command).toBe('firedrill run ../../drills --playbook windowed-rollback --seeds 3');
    expect(result.header.cases[0].scenarioRef).toBe('../../drills/spike.yaml');
    expect(readFileSync(join(dir, 'reports', 'ci', 'report.md'), 'utf8')).toContain('transient-spike');
  }, 40_000);

  it('gives way to flags on the command line', () => {
    const { nested } = project('scenarios: [drills]\nplaybook: windowed-rollback\nseeds: 3\n');
    const r = firedrillProcess(['run', '--seed', '5', '--playbook', 'short-window-rollback'], 30_000, { cwd: nested });
    expect(r.stdout).toContain('short-window-rollback');
    expect(r.stdout).toContain('replay it:\n  firedrill run ../../drills/spike.yaml --playbook short-window-rollback --seed 5\n');
  }, 40_000);

  it('is refused with file, line, column and field when it is wrong', () => {
    const { nested } = project('# yaml-language-server: $schema=./config.schema.json\nscenarios: [drills]\nseeds: many\nformat: [md]\n');
    const r = firedrillProcess(['run', '--playbook', 'windowed-rollback'], 30_000, { cwd: nested });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('../../firedrill.config.yaml:3:8: seeds: expected number, received string');
    expect(r.stderr).toContain("../../firedrill.config.yaml:4:1: format: unknown field 'format'");
  }, 40_000);

  it('names the line of a path in it that is not there, read from its own folder', () => {
    const { nested } = project('scenarios:\n  - drills\n  - missing/\nplaybook: playbooks/none.yaml\n');
    const r = firedrillProcess(['run'], 30_000, { cwd: nested });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      '../../firedrill.config.yaml:3:5: scenarios[1]: no such folder: ../../missing (paths in firedrill.config.yaml are read from its own folder)\n' +
        '../../firedrill.config.yaml:4:11: playbook: no such file: ../../playbooks/none.yaml (paths in firedrill.config.yaml are read from its own folder)\n',
    );
  }, 40_000);

  it('is checked by firedrill validate, as are lists of expected misses', async () => {
    const ok = await cli('validate', join(ROOT, 'firedrill.config.yaml'));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('(config)');
  });
});
