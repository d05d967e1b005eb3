import { existsSync, statSync } from 'node:fs';
import { loadCurriculum } from '../../formats/curriculum.js';
import { FILE_KIND_NAMES, fileKindOf, type FileKind, type Identified } from '../../formats/file-kinds.js';
import { loadExpectations } from '../../formats/expectations.js';
import { loadPlaybook } from '../../formats/playbook.js';
import { Findings, readDocuments } from '../../formats/rollout/documents.js';
import { seriesMapInput } from '../../formats/rollout/series-names.js';
import { loadRunConfig } from '../../formats/run-config.js';
import { loadScenario, type Scenario } from '../../formats/scenario.js';
import { formatProblem, InputError, YamlSource, type Problem } from '../../formats/source.js';
import { readInput, yamlFilesIn } from '../files.js';
import { paint, UsageError, type Io } from '../io.js';
import { builtinScenarioIds } from '../library.js';
import type { CommandDef } from './command.js';

/** How each kind of file is checked: every kind of the registry has its loader here. */
const CHECKS: Record<FileKind, (text: string, file: string) => unknown> = {
  scenario: loadScenario,
  playbook: loadPlaybook,
  curriculum: (text, file) => loadCurriculum(text, file, builtinScenarioIds()),
  config: loadRunConfig,
  expectations: loadExpectations,
  'metrics-map': (text, file) => {
    const { source, data } = YamlSource.parse(text, file);
    const parsed = seriesMapInput.safeParse(data);
    if (!parsed.success) throw new InputError(source.zodProblems(parsed.error));
  },
  // Document by document: a controller's parts are often in several files, which check and run read together.
  rollout: (text, file) => {
    const findings = new Findings();
    readDocuments([{ file, text }], findings);
    findings.throwIfErrors();
  },
};

interface Verdict {
  file: string;
  /** Undefined when nothing in the file tells its kind: it is then checked as a scenario. */
  kind: FileKind | undefined;
  /** How the kind was told: the file's name, its `$schema` line, or its fields. */
  by: Identified['by'] | undefined;
  valid: boolean;
  problems: Problem[];
  /** What can never matter but does not make the file invalid (a scenario's dead rules). */
  warnings: Problem[];
}

function judge(file: string): Verdict {
  let identified: Identified | undefined;
  try {
    const text = readInput(file);
    identified = fileKindOf(text, file);
    const kind = identified?.kind ?? 'scenario';
    const loaded = CHECKS[kind](text, file);
    const warnings = kind === 'scenario' ? (loaded as Scenario).warnings : [];
    return { file, kind: identified?.kind, by: identified?.by, valid: true, problems: [], warnings };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { file, kind: identified?.kind, by: identified?.by, valid: false, problems: e.problems, warnings: [] };
  }
}

/** Files as typed, and the YAML files directly in each folder, as `run` reads a folder. */
function filesOf(args: string[]): string[] {
  return args.flatMap((arg) => {
    if (!existsSync(arg) || !statSync(arg).isDirectory()) return [arg];
    const files = yamlFilesIn(arg);
    if (files.length === 0) throw new UsageError(`no YAML files (*.yaml, *.yml) directly in folder ${arg}`, 'validate');
    return files;
  });
}

export const validateCommand: CommandDef = {
  name: 'validate',
  usage: 'firedrill validate FILE|DIR... [--json]',
  summary: 'check scenario, playbook, curriculum, config and expected-miss files without running them',
  help: [
    `Checks each file against the format of its kind (${FILE_KIND_NAMES.join(', ')}) and reports every`,
    'problem as FILE:LINE:COLUMN: FIELD: what was expected. A folder means each YAML file directly in it.',
    '',
    'A file says its kind with a first line such as',
    '  # yaml-language-server: $schema=./schema/playbook.schema.json',
    '(the line that also gives editors completion: see firedrill schema); firedrill.config.yaml is a',
    'run configuration by its name; any other file\'s kind is told by its fields, so a playbook with a',
    'mistyped field is still judged a playbook. A curriculum is checked against the built-in library:',
    'every id it names exists, and every scenario is placed or left out. A file past one of the limits',
    '(its size, nesting, aliases, durations, counts, steps) is refused naming the limit.',
    'A real rollout config (Argo Rollouts, Flagger, Prometheus) is checked document by document:',
    'its parts are often in several files, which firedrill check and run read together.',
    'What a scenario allows but can never matter (a rule no reachable stack matches) is a warning:',
    'printed the same way, with `warning:`, without failing the file.',
    '',
    'Options:',
    '  --json   print one JSON document: each file with its kind, whether it is valid, and its problems',
    '',
    'Exit codes: 0 every file is valid, 2 at least one is not, 3 internal error.',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  run({ positionals, values }, io: Io) {
    if (positionals.length === 0) throw new UsageError('name at least one file or folder', 'validate');
    const verdicts = filesOf(positionals).map(judge);
    const invalid = verdicts.filter((v) => !v.valid).length;
    if (values.json) {
      io.out(`${JSON.stringify({ valid: verdicts.length - invalid, invalid, files: verdicts }, null, 2)}\n`);
      return invalid === 0 ? 0 : 2;
    }
    for (const v of verdicts) {
      for (const w of v.warnings) io.err(`${formatProblem({ ...w, message: `warning: ${w.message}` })}\n`);
      if (v.valid) {
        io.out(`${paint(io, 'green', 'ok')}  ${v.file} (${v.kind ?? 'scenario'})\n`);
        continue;
      }
      for (const p of v.problems) io.err(`${formatProblem(p)}\n`);
    }
    return invalid === 0 ? 0 : 2;
  },
};
