import { jsonSchema, SCHEMA_KINDS, type SchemaKind } from '../../formats/json-schema.js';
import { UsageError, type Io } from '../io.js';
import type { CommandDef } from './command.js';

export const schemaCommand: CommandDef = {
  name: 'schema',
  usage: `firedrill schema ${SCHEMA_KINDS.join('|')}`,
  summary: 'print the JSON Schema of a file format, for editors',
  help: [
    'Prints the JSON Schema of a kind of file in firedrill\'s own formats: scenario, playbook, training',
    'curriculum, run configuration (firedrill.config.yaml), expected misses or metrics map. Point your',
    'editor at it with a first line such as:',
    '  # yaml-language-server: $schema=./schema/scenario.schema.json',
    'Editors then complete and check each field, with its description; the same line tells',
    'firedrill validate the file\'s kind. The built-in library keeps every schema in scenarios/schema/.',
  ].join('\n'),
  options: {},
  run({ positionals }, io: Io) {
    const kind = positionals[0];
    if (positionals.length !== 1 || !SCHEMA_KINDS.includes(kind as SchemaKind)) throw new UsageError(`name the format: ${SCHEMA_KINDS.join(', ')}`, 'schema');
    io.out(jsonSchema(kind as SchemaKind));
    return 0;
  },
};
