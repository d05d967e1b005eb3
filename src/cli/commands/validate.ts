import { basename } from 'node:path';
import { loadCurriculum } from '../../formats/curriculum.js';
import { loadExpectations } from '../../formats/expectations.js';
import { loadPlaybook } from '../../formats/playbook.js';
import { CONFIG_FILE_NAME, loadRunConfig } from '../../formats/run-config.js';
import { loadScenario, type Scenario } from '../../formats/scenario.js';
import { formatProblem, InputError, YamlSource } from '../../formats/source.js';
import { readInput } from '../files.js';
import { paint, UsageError, type Io } from '../io.js';
import { builtinScenarioIds } from '../library.js';
import type { CommandDef } from './command.js';

type Kind = 'scenario' | 'playbook' | 'curriculum' | 'config' | 'expectations';

/**
 * Decides which schema to check a file against: firedrill.config.yaml is a run configuration; a
 * playbook has `steps` (or a controller's `triggers`, `canary` or `alerts`), a training
 * curriculum `levels`, a list of expected misses `expectedMisses` alone; a scenario none of these.
 */
function kindOf(text: string, file: string): Kind {
  if (basename(file) === CONFIG_FILE_NAME) return 'config';
  const { data } = YamlSource.parse(text, file);
  const has = (key: string): boolean => typeof data === 'object' && data !== null && key in data;
  if (['steps', 'triggers', 'canary', 'alerts'].some(has)) return 'playbook';
  if (has('levels')) return 'curriculum';
  if (has('expectedMisses') && !has('id')) return 'expectations';
  return 'scenario';
}

const LOADERS: Record<Kind, (text: string, file: string) => unknown> = {
  scenario: loadScenario,
  playbook: loadPlaybook,
  curriculum: (text, file) => loadCurriculum(text, file, builtinScenarioIds()),
  config: loadRunConfig,
  expectations: loadExpectations,
};

export const validateCommand: CommandDef = {
  name: 'validate',
  usage: 'firedrill validate FILE...',
  summary: 'check scenario, playbook, curriculum, config and expected-miss files without running them',
  help: [
    'Checks each file against the scenario, playbook, training curriculum, run configuration or',
    'expected misses format (firedrill.config.yaml is a configuration; a file with `steps` is a',
    'playbook, one with `levels` a curriculum, one with `expectedMisses` alone a list of expected',
    'misses) and reports every problem as',
    'FILE:LINE:COLUMN: FIELD: what was expected. A curriculum is checked against the built-in',
    'library: every id it names exists, and every scenario is placed or left out. A file past one',
    'of the limits (its size, nesting, aliases, durations, counts, steps) is refused naming the limit.',
    'What a scenario allows but can never matter (a rule no reachable stack matches) is a warning:',
    'printed the same way, with `warning:`, without failing the file.',
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
        const loaded = LOADERS[kind](text, file);
        if (kind === 'scenario') for (const w of (loaded as Scenario).warnings) io.err(`${formatProblem({ ...w, message: `warning: ${w.message}` })}\n`);
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
