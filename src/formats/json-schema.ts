import { z } from 'zod';
import { FILE_KINDS, SCHEMA_KIND_NAMES, type SchemaKind } from './file-kinds.js';

export const SCHEMA_KINDS: readonly SchemaKind[] = SCHEMA_KIND_NAMES;
export type { SchemaKind };

/**
 * JSON Schema of a file format, generated from the same zod schemas that check the files, so
 * editors complete and check exactly what `firedrill validate` accepts (cross-references such
 * as unknown component names are checked by firedrill alone).
 */
export function jsonSchema(kind: SchemaKind): string {
  const { input, title, description } = FILE_KINDS[kind];
  const schema = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title, description }, null, 2)}\n`;
}
