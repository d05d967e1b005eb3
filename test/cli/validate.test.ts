import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../helpers.js';
import { cli } from './cli-helpers.js';

const withoutFirstLine = (text: string): string => text.split('\n').slice(1).join('\n');

/** A folder with a scenario, a valid playbook, and a playbook with a mistyped field, none saying its kind. */
function mixedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-kinds-'));
  writeFileSync(join(dir, 'a-scenario.yaml'), withoutFirstLine(readFileSync(join(SCENARIOS, 'shared-timeout-budget.yaml'), 'utf8')));
  const playbook = withoutFirstLine(readFileSync(join(SCENARIOS, 'playbooks', 'tts-pointer-rollback.yaml'), 'utf8'));
  writeFileSync(join(dir, 'b-playbook.yaml'), playbook);
  writeFileSync(join(dir, 'c-typo.yaml'), playbook.replace(/^steps:/m, 'stpes:'));
  return dir;
}

describe('firedrill validate', () => {
  it('takes a folder as run does, and judges each file by its kind', async () => {
    const dir = mixedFolder();
    const r = await cli('validate', dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`ok  ${join(dir, 'a-scenario.yaml')} (scenario)\nok  ${join(dir, 'b-playbook.yaml')} (playbook)\n`);
    const typo = join(dir, 'c-typo.yaml');
    expect(r.stderr).toMatch(new RegExp(`^${typo}:\\d+:1: stpes: unknown field 'stpes'$`, 'm'));
    expect(r.stderr).toMatch(new RegExp(`^${typo}:1:1: steps: .*step`, 'm'));
    expect(r.stderr).not.toMatch(/title|layers|components/);
  });

  it('prints one JSON document with --json: each file, its kind, how it was told, and its problems', async () => {
    const dir = mixedFolder();
    const r = await cli('validate', '--json', dir, join(SCENARIOS, 'training', 'curriculum.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ valid: 3, invalid: 1 });
    expect(doc.files.map((f: { kind: string; by: string; valid: boolean }) => [f.kind, f.by, f.valid])).toEqual([
      ['scenario', 'fields', true],
      ['playbook', 'fields', true],
      ['playbook', 'fields', false],
      ['curriculum', 'schema line', true],
    ]);
    expect(new Set(doc.files[2].problems.map((p: { path: string }) => p.path))).toEqual(new Set(['steps', 'stpes']));
  });
});

describe('firedrill run on a folder', () => {
  it('runs only the scenarios in it, passing over playbooks beside them', async () => {
    const dir = mixedFolder();
    const r = await cli('run', dir, '--playbook', 'reference', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ scenario: 'shared-timeout-budget', verdict: 'PASS' });
  });
});
