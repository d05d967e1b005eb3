import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/formats/scenario.js';
import { formatProblem, InputError } from '../../src/formats/source.js';
import { SCENARIOS } from '../helpers.js';

const read = (id: string): string => readFileSync(join(SCENARIOS, `${id}.yaml`), 'utf8');

/** Errors and warnings of a scenario text, as `validate` prints them. */
function findings(text: string): { errors: string[]; warnings: string[] } {
  try {
    return { errors: [], warnings: loadScenario(text, 'x.yaml').warnings.map(formatProblem) };
  } catch (e) {
    if (e instanceof InputError) return { errors: e.problems.map(formatProblem), warnings: [] };
    throw e;
  }
}

function edited(id: string, from: string, to: string): string {
  const text = read(id);
  expect(text, `${id} has ${from}`).toContain(from);
  return text.replace(from, to);
}

/** `x.yaml:LINE:COLUMN` of the first occurrence of `needle` (its first character). */
function at(text: string, needle: string, offset = 0): string {
  const i = text.indexOf(needle) + offset;
  const lines = text.slice(0, i).split('\n');
  return `x.yaml:${lines.length}:${lines.at(-1)!.length + 1}`;
}

describe('validate refuses a rule that could never matter', () => {
  it('when it names a version the component does not have', () => {
    const text = edited('payment-schema-rollback', 'when: { payment-api: "2.15" }', 'when: { payment-api: "v2.15" }');
    expect(findings(text).errors).toEqual([`${at(text, '"v2.15"')}: rules[0].when.payment-api: unknown version of payment-api 'v2.15'; did you mean '2.15'?`]);
  });

  it('when it names an attribute no version brings', () => {
    const text = edited('model-feature-skew', 'when: { ranker.trainedOn: "!= $embedder.schema" }', 'when: { ranker.trainedon: "!= $embedder.schema" }');
    expect(findings(text).errors).toEqual([`${at(text, 'ranker.trainedon')}: rules[1].when.ranker.trainedon: unknown attribute of ranker 'trainedon'; did you mean 'trainedOn'?: no version of ranker brings it`]);
  });

  it('when a version brings no such value of an attribute', () => {
    const text = edited('mislabelled-training-data', 'when: { fraud-model.dataset: d18 }', 'when: { fraud-model.dataset: d18x }');
    expect(findings(text).errors[0]).toMatch(/rules\[\d\]\.when\.fraud-model\.dataset: unknown value of fraud-model\.dataset that a version of fraud-model brings 'd18x'; did you mean 'd18'\?$/);
  });

  it('when it names an undeclared flag or setting', () => {
    const text = edited('prompt-injection', 'when: { agent-prompt.guard: none, flags.refund-tool: true }', 'when: { agent-prompt.guard: none, flags.refund-tol: true }');
    expect(findings(text).errors).toEqual([`${at(text, 'flags.refund-tol')}: faults[0].rule.when.flags.refund-tol: unknown flag 'flags.refund-tol'; did you mean 'flags.refund-tool'?: declare it under settings`]);
  });

  it('when a reference inside a condition is misspelt', () => {
    const text = edited('model-feature-skew', '"!= $embedder.schema"', '"!= $embeder.schema"');
    expect(findings(text).errors).toEqual([`${at(text, '"!= $embeder')}: rules[1].when.ranker.trainedOn: unknown stack key 'embeder.schema'; did you mean 'embedder.schema'?`]);
  });

  it('when scaleBy names a share that does not exist', () => {
    const text = edited('memory-schema-non-additive', 'scaleBy: memory-db.tables.memories.format.v2', 'scaleBy: memory-db.tables.memory.format.v2');
    expect(findings(text).errors).toEqual([`${at(text, 'memory-db.tables.memory.format')}: rules[1].scaleBy: unknown stack key 'memory-db.tables.memory.format.v2'; did you mean 'memory-db.tables.memories.format.v2'?`]);
  });

  it('when the traffic reads a stack key that does not exist', () => {
    const text = edited('shared-timeout-budget', 'timeout: $tts-service.timeoutMs', 'timeout: $tts-service.timeoutMS');
    expect(findings(text).errors).toEqual([`${at(text, '$tts-service.timeoutMS')}: traffic.timeout: unknown attribute of tts-service 'timeoutMS'; did you mean 'timeoutMs'?: no version of tts-service brings it`]);
  });

  it('when a rule compares a model with an alias, which the stack never holds there', () => {
    const text = edited('silent-provider-update', 'registry: openai', 'registry: openai');
    const rule = ['  - id: alias-typo', '    when: { assistant-llm: gpt-4o }', '    effect: { quality: -0.1 }', '    explain: "x"'].join('\n');
    const withRule = text.replace(/^rules:\n/m, `rules:\n${rule}\n`);
    expect(findings(withRule).errors).toEqual([
      `${at(withRule, 'gpt-4o }')}: rules[0].when.assistant-llm: 'gpt-4o' is an alias: assistant-llm holds the dated version it resolves to; compare assistant-llm.ref to match the alias`,
    ]);
  });

  it('warns of a rule no reachable stack can match, and still loads the scenario', () => {
    const text = edited('payment-schema-rollback', 'when: { payment-api: "< 2.15", payments-db: ">= 2.15" }', 'when: { payment-api: "< 2.14", payments-db: ">= 2.15" }');
    expect(findings(text)).toEqual({
      errors: [],
      warnings: [`${at(text, 'payment-api: "< 2.14"', -2)}: rules[1].when: rule 'old-code-new-schema' can never match: no release or reachable combination of versions and states satisfies payment-api < 2.14, payments-db >= 2.15 together`],
    });
  });

  it('finds nothing to say about the library', () => {
    for (const id of ['payment-schema-rollback', 'model-feature-skew', 'prompt-injection', 'memory-schema-non-additive', 'silent-provider-update']) {
      expect(findings(read(id)), id).toEqual({ errors: [], warnings: [] });
    }
  });
});
