import { z } from 'zod';
import { playbookInput } from './playbook.js';
import { scenarioInput } from './scenario-schema.js';

export const SCHEMA_KINDS = ['scenario', 'playbook'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

/**
 * JSON Schema of a file format, generated from the same zod schemas that check the files, so
 * editors complete and check exactly what `firedrill validate` accepts (cross-references such
 * as unknown component names are checked by firedrill alone).
 */
export function jsonSchema(kind: SchemaKind): string {
  const schema = z.toJSONSchema(kind === 'scenario' ? scenarioInput : playbookInput, { io: 'input', unrepresentable: 'any' });
  const titled = {
    ...schema,
    title: kind === 'scenario' ? 'Firedrill scenario' : 'Firedrill playbook',
    description:
      kind === 'scenario'
        ? 'A simulated AI system, the incident injected into it, and what a team is told about it.'
        : 'An automated rollback controller: triggers, then steps that run operator commands.',
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
