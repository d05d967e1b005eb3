import { scenarioTags } from '../../formats/tags.js';
import { outText } from '../fit-width.js';
import type { Io } from '../io.js';
import { builtinSummaries } from '../scenario-list.js';
import type { CommandDef } from './command.js';

export const listCommand: CommandDef = {
  name: 'list',
  usage: 'firedrill list [--json]',
  summary: 'list the built-in scenarios: id, title, layers, source incident, tags',
  help: 'Lists the scenarios in the built-in library, with the tags firedrill run --tag chooses by. --json prints them as one JSON array.',
  options: { json: { type: 'boolean' } },
  async run({ values }, io: Io) {
    const scenarios = (await builtinSummaries()).map((meta) => ({ meta }));
    if (values.json) {
      const rows = scenarios.map((s) => ({ id: s.meta.id, title: s.meta.title, layers: s.meta.layers, source: s.meta.source, playbooks: s.meta.playbooks, tags: scenarioTags(s.meta) }));
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const idWidth = Math.max(...scenarios.map((s) => s.meta.id.length));
    const lines = scenarios.flatMap((s) => [
      `${s.meta.id.padEnd(idWidth)}  ${s.meta.title}`,
      `${' '.repeat(idWidth)}  layers: ${s.meta.layers.join(', ')}`,
      `${' '.repeat(idWidth)}  source: ${s.meta.source.incident}`,
      `${' '.repeat(idWidth)}  tags: ${scenarioTags(s.meta).join(' ')}`,
      '',
    ]);
    lines.push(`${scenarios.length} scenarios. Run one: firedrill run ID --playbook PLAYBOOK`);
    outText(io, `${lines.join('\n')}\n`);
    return 0;
  },
};
