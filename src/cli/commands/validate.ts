import { loadCurriculum } from '../../formats/curriculum.js';
import { loadPlaybook } from '../../formats/playbook.js';
import { loadScenario } from '../../formats/scenario.js';
import { formatProblem, InputError, YamlSource } from '../../formats/source.js';
import { readInput } from '../files.js';
import { paint, UsageError, type Io } from '../io.js';
import { builtinScenarioIds } from '../library.js';
import type { CommandDef } from './command.js';

/** A playbook has `steps`, a training curriculum `levels`, a scenario neither. Decides which schema to check against. */
function kindOf(text: string, file: string): 'scenario' | 'playbook' | 'curriculum' {
  const { data } = YamlSource.parse(text, file);
  if (typeof data === 'object' && data !== null && ['steps', 'triggers', 'canary', 'alerts'].some((k) => k in data)) return 'playbook';
  if (typeof data === 'object' && data !== null && 'levels' in data) return 'curriculum';
  return 'scenario';
}

export const validateCommand: CommandDef = {
  name: 'validate',
  usage: 'firedrill validate FILE...',
  summary: 'check scenario, playbook and curriculum files without running them',
  help: [
    'Checks each file against the scenario, playbook or training curriculum format (a file with',
    '`steps` is a playbook, one with `levels` a curriculum) and reports every problem as',
    'FILE:LINE:COLUMN: FIELD: what was expected. A curriculum is checked against the built-in',
    'library: every id it names exists, and every scenario is placed or left out. A file past one',
    'of the limits (its size, nesting, aliases, durations, counts, steps) is refused naming the limit.',
    '',
    'Exit codes: 0 every file is valid, 2 at least one is not, 3 internal error.',
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
        else if (kind === 'curriculum') loadCurriculum(text, file, builtinScenarioIds());
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
