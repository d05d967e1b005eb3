import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usageOf } from '../../src/core/actions/declaration.js';
import { VERBS } from '../../src/core/actions/verbs.js';
import { jsonSchema, SCHEMA_KINDS } from '../../src/formats/json-schema.js';
import { ROOT, SCENARIOS } from '../helpers.js';

describe('JSON Schema for editors', () => {
  it('is committed next to the library exactly as firedrill schema prints it', () => {
    for (const kind of SCHEMA_KINDS) {
      expect(readFileSync(join(SCENARIOS, 'schema', `${kind}.schema.json`), 'utf8'), `regenerate with: firedrill schema ${kind}`).toBe(jsonSchema(kind));
    }
  });

  it('is named on the first line of every scenario, playbook and curriculum of the library', () => {
    for (const f of readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'))) {
      expect(readFileSync(join(SCENARIOS, f), 'utf8').split('\n')[0], f).toBe('# yaml-language-server: $schema=./schema/scenario.schema.json');
    }
    for (const f of readdirSync(join(SCENARIOS, 'playbooks'))) {
      expect(readFileSync(join(SCENARIOS, 'playbooks', f), 'utf8').split('\n')[0], f).toBe('# yaml-language-server: $schema=../schema/playbook.schema.json');
    }
    for (const f of readdirSync(join(SCENARIOS, 'training'))) {
      expect(readFileSync(join(SCENARIOS, 'training', f), 'utf8').split('\n')[0], f).toBe('# yaml-language-server: $schema=../schema/curriculum.schema.json');
    }
    expect(readFileSync(join(ROOT, 'firedrill.config.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./scenarios/schema/config.schema.json');
  });

  it('rejects what the loader rejects at the top level: unknown fields', () => {
    const schema = JSON.parse(jsonSchema('scenario'));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'components', 'releases', 'traffic', 'slos']));
  });

  it('describes every field of the scenario and playbook formats, for hover docs in editors', () => {
    for (const kind of ['scenario', 'playbook'] as const) {
      const undescribed: string[] = [];
      let fields = 0;
      const seen = new Set<unknown>();
      const walk = (node: unknown, path: string): void => {
        if (typeof node !== 'object' || node === null || seen.has(node)) return;
        seen.add(node);
        const n = node as Record<string, unknown>;
        for (const [name, field] of Object.entries((n.properties ?? {}) as Record<string, { description?: string }>)) {
          fields++;
          if (!field.description) undescribed.push(`${path}.${name}`);
          walk(field, `${path}.${name}`);
        }
        for (const key of ['items', 'additionalProperties']) walk(n[key], `${path}[]`);
        for (const key of ['anyOf', 'oneOf', 'allOf']) for (const [i, branch] of ((n[key] ?? []) as unknown[]).entries()) walk(branch, `${path}|${i}`);
        for (const [name, def] of Object.entries((n.$defs ?? {}) as Record<string, unknown>)) walk(def, `#${name}`);
      };
      walk(JSON.parse(jsonSchema(kind)), kind);
      expect(fields, kind).toBeGreaterThan(kind === 'scenario' ? 200 : 30);
      expect(undescribed, kind).toEqual([]);
    }
  });

  it('offers every operator verb, with its usage, where a playbook step runs a command', () => {
    const schema = JSON.stringify(JSON.parse(jsonSchema('playbook')));
    const run = /"run":(\{"type":"string".*?"examples":(\[.*?\])\})/.exec(schema);
    expect(run, 'the run field of a step').not.toBeNull();
    expect(JSON.parse(run![2]!)).toEqual([...VERBS.values()].map(usageOf));
    expect(JSON.parse(run![2]!)).toContain('rollback-release [RELEASE] [--max-unavailable N|P%] [--max-surge N|P%]');
  });
});
