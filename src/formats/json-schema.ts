import { z } from 'zod';
import { curriculumInput } from './curriculum.js';
import { expectationsInput } from './expectations.js';
import { playbookInput } from './playbook.js';
import { configInput } from './run-config.js';
import { scenarioInput } from './scenario-schema.js';

export const SCHEMA_KINDS = ['scenario', 'playbook', 'curriculum', 'config', 'expectations'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

const FORMATS: Record<SchemaKind, { input: z.ZodType; title: string; description: string }> = {
  scenario: {
    input: scenarioInput,
    title: 'Firedrill scenario',
    description: 'A simulated AI system, the incident injected into it, and what a team is told about it.',
  },
  playbook: {
    input: playbookInput,
    title: 'Firedrill playbook',
    description: 'An automated rollback controller: triggers, then steps that run operator commands.',
  },
  curriculum: {
    input: curriculumInput,
    title: 'Firedrill training curriculum',
    description: 'The order of firedrill train: levels of built-in scenarios, each with the patterns it teaches, and the scenarios left out.',
  },
  config: {
    input: configInput,
    title: 'Firedrill run configuration (firedrill.config.yaml)',
    description: 'Defaults for firedrill run that a team commits: scenarios, playbook, seeds, reports, output folder, and the misses it expects.',
  },
  expectations: {
    input: expectationsInput,
    title: 'Firedrill expected misses (firedrill run --expect FILE)',
    description: 'The scenarios a playbook is known to miss, each with the reason: reported as expected, and a failure of the run once one passes.',
  },
};

/**
 * JSON Schema of a file format, generated from the same zod schemas that check the files, so
 * editors complete and check exactly what `firedrill validate` accepts (cross-references such
 * as unknown component names are checked by firedrill alone).
 */
export function jsonSchema(kind: SchemaKind): string {
  const { input, title, description } = FORMATS[kind];
  const schema = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title, description }, null, 2)}\n`;
}
