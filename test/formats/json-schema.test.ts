import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
