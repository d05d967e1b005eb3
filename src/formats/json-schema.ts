import { z } from 'zod';
import { curriculumInput } from './curriculum.js';
import { playbookInput } from './playbook.js';
import { scenarioInput } from './scenario-schema.js';

export const SCHEMA_KINDS = ['scenario', 'playbook', 'curriculum'] as const;
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
