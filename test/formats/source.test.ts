import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/formats/scenario.js';
import { formatProblem, InputError } from '../../src/formats/source.js';
import { SCENARIOS } from '../helpers.js';

function firstProblem(text: string): string | undefined {
  try {
    loadScenario(text, 'x.yaml');
  } catch (e) {
    if (e instanceof InputError) return formatProblem(e.problems[0]!);
    throw e;
  }
  return undefined;
}

describe('problems found by the schema', () => {
  const base = readFileSync(join(SCENARIOS, 'payment-schema-rollback.yaml'), 'utf8');
  const line = base.split('\n').findIndex((l) => l.startsWith('layers: [serving, data]')) + 1;

  it('name a value outside a fixed set as written, with the nearest allowed one', () => {
    expect(firstProblem(base.replace('layers: [serving, data]', 'layers: [servng, data]'))).toBe(`x.yaml:${line}:10: layers[0]: unknown value 'servng'; did you mean 'serving'?`);
  });

  it('list the allowed values when none is close', () => {
    expect(firstProblem(base.replace('layers: [serving, data]', 'layers: [serving, storage]'))).toBe(
      `x.yaml:${line}:19: layers[1]: unknown value 'storage' (known: model, serving, features, data)`,
    );
  });
});
