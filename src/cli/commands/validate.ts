import { loadPlaybook } from '../../formats/playbook.js';
import { loadScenario } from '../../formats/scenario.js';
import { formatProblem, InputError, YamlSource } from '../../formats/source.js';
import { readInput } from '../files.js';
import { paint, UsageError, type Io } from '../io.js';
import type { CommandDef } from './command.js';

/** A scenario has `id` and `components`; a playbook has `steps`. Decides which schema to check against. */
function kindOf(text: string, file: string): 'scenario' | 'playbook' {
  const { data } = YamlSource.parse(text, file);
  return typeof data === 'object' && data !== null && 'steps' in data ? 'playbook' : 'scenario';
}

export const validateCommand: CommandDef = {
  name: 'validate',
  usage: 'firedrill validate FILE...',
  summary: 'check scenario and playbook files without running them',
  help: [
    'Checks each file against the scenario or playbook format (a file with `steps` is a playbook)',
    'and reports every problem as FILE:LINE:COLUMN: FIELD: what was expected.',
    '',
    'Exit codes: 0 every file is valid, 2 at least one is not.',
  ].join('\n'),
  options: {},
  run({ positionals }, io: Io) {
    if (positionals.length === 0) throw new UsageError('name at least one file', 'validate');
    let bad = 0;
    for (const file of positionals) {
      try {
        const text = readInput(file);
        const kind = kindOf(text, file);
        if (kind === 'playbook') loadPlaybook(text, file);
        else loadScenario(text, file);
        io.out(`${paint(io, 'green', 'ok')}  ${file} (${kind})\n`);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        bad++;
        for (const p of e.problems) io.err(`${formatProblem(p)}\n`);
      }
    }
    return bad === 0 ? 0 : 2;
  },
};
