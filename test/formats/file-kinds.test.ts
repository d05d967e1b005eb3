import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_KINDS, fileKindOf, identifyKind, type FileKindSpec } from '../../src/formats/file-kinds.js';
import { SCENARIOS } from '../helpers.js';

const library = (dir: string): string[] =>
  readdirSync(join(SCENARIOS, dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(join(SCENARIOS, dir, f), 'utf8'));
const withoutFirstLine = (text: string): string => text.split('\n').slice(1).join('\n');

describe('the kind of a file', () => {
  it('is the one its $schema line names, for every file of the library', () => {
    for (const text of library('.')) expect(fileKindOf(text)).toEqual({ kind: 'scenario', by: 'schema line' });
    for (const text of library('playbooks')) expect(fileKindOf(text)).toEqual({ kind: 'playbook', by: 'schema line' });
    for (const text of library('training')) expect(fileKindOf(text)).toEqual({ kind: 'curriculum', by: 'schema line' });
  });

  it('is told by its fields when no line says it, the same for every file of the library', () => {
    for (const text of library('.')) expect(fileKindOf(withoutFirstLine(text))).toEqual({ kind: 'scenario', by: 'fields' });
    for (const text of library('playbooks')) expect(fileKindOf(withoutFirstLine(text))).toEqual({ kind: 'playbook', by: 'fields' });
    for (const text of library('training')) expect(fileKindOf(withoutFirstLine(text))).toEqual({ kind: 'curriculum', by: 'fields' });
  });

  it('is still a playbook with a mistyped field, and a JSON scenario is a scenario', () => {
    expect(fileKindOf('stpes:\n  - run: declare\ntrigers:\n  - alert: any\n')?.kind).toBe('playbook');
    expect(fileKindOf('{"id": "x", "title": "y", "layers": ["model"]}')).toEqual({ kind: 'scenario', by: 'fields' });
  });

  it('is the line\'s over the fields\', and a schema the registry does not know says nothing', () => {
    const playbookFields = 'name: p\nsteps: []\n';
    expect(fileKindOf(`# yaml-language-server: $schema=https://example.org/schema/curriculum.schema.json\n${playbookFields}`)?.kind).toBe('curriculum');
    expect(fileKindOf(`# yaml-language-server: $schema=./other.schema.json\n${playbookFields}`)).toEqual({ kind: 'playbook', by: 'fields' });
  });

  it('is a run configuration by its name, and a list of expected misses by its one field', () => {
    expect(fileKindOf('seeds: 20\n', '/team/firedrill.config.yaml')).toEqual({ kind: 'config', by: 'file name' });
    expect(fileKindOf('expectedMisses:\n  - { scenario: a, playbook: b, reason: c }\n', 'misses.yaml')).toEqual({ kind: 'expectations', by: 'fields' });
    expect(fileKindOf('playbook: reference\nseeds: 20\nexpectedMisses: []\n', 'ci.yaml')).toEqual({ kind: 'config', by: 'fields' });
  });

  it('is a real rollout config by its apiVersion and kind, or a Prometheus rules file by its groups, and a metrics map by its fields', () => {
    const imports = join(SCENARIOS, 'imports');
    const kindOf = (file: string) => fileKindOf(readFileSync(join(imports, file), 'utf8'), file);
    expect(kindOf('argo/rollout.yaml')).toEqual({ kind: 'rollout', by: 'manifest' });
    expect(kindOf('argo/analysis.yaml')).toEqual({ kind: 'rollout', by: 'manifest' });
    expect(kindOf('flagger/canary.yaml')).toEqual({ kind: 'rollout', by: 'manifest' });
    expect(kindOf('prometheus/alerts.yaml')).toEqual({ kind: 'rollout', by: 'fields' });
    expect(kindOf('argo/metrics-map.yaml')).toEqual({ kind: 'metrics-map', by: 'fields' });
  });

  it('is unknown when nothing in the file tells it', () => {
    expect(fileKindOf('colour: blue\n')).toBeUndefined();
    expect(fileKindOf('- a\n- b\n')).toBeUndefined();
    expect(fileKindOf('{ not yaml')).toBeUndefined();
  });

  it('is a manifest kind by its apiVersion and kind, whatever fields it shares', () => {
    const kinds: Record<'scenario' | 'rollout', FileKindSpec> = {
      scenario: FILE_KINDS.scenario,
      rollout: { ...FILE_KINDS.playbook, manifest: { apiVersion: /^argoproj\.io\//, kinds: ['Rollout'] } },
    };
    expect(identifyKind('apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: x\nid: 3\n', kinds)).toEqual({ kind: 'rollout', by: 'manifest' });
    expect(identifyKind('apiVersion: apps/v1\nkind: Deployment\nid: 3\n', kinds)).toEqual({ kind: 'scenario', by: 'fields' });
  });
});
