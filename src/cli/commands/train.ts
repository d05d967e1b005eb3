import { homedir } from 'node:os';
import { type Io, terminalStyle, UsageError } from '../io.js';
import { builtinScenarios, CURRICULUM_FILE, curriculumFromFile, resolveScenario } from '../library.js';
import { defaultProgressPath, loadProgress } from '../progress.js';
import { formatTrainingList, trainingListJson, trainingView } from '../training-list.js';
import type { CommandDef } from './command.js';

/** Where this learner's progress is kept: `--progress FILE`, else the per-user state folder. */
export function progressPathFor(io: Io, option: unknown): string {
  if (typeof option === 'string') return option;
  return defaultProgressPath(io.env, io.env.HOME || homedir());
}

/**
 * Prints the curriculum with the learner's progress: level by level as text, or as one JSON
 * document. A progress file that cannot be read is reported on stderr and the list starts afresh.
 */
export function printTrainingList(io: Io, options: { json: boolean; progressFile: string }): number {
  const curriculum = curriculumFromFile(CURRICULUM_FILE);
  const { progress, warning } = loadProgress(options.progressFile);
  if (warning) io.err(`${warning}\n`);
  const view = trainingView(curriculum, builtinScenarios().map((s) => s.meta), progress, options.progressFile);
  if (options.json) {
    io.out(trainingListJson(view));
    return 0;
  }
  const style = terminalStyle(io);
  io.out(formatTrainingList(view, { done: (t) => style.verdict(t, true), next: style.bold, dim: style.dim, bold: style.bold }));
  return 0;
}

export const trainCommand: CommandDef = {
  name: 'train',
  usage: 'firedrill train [SCENARIO] [--progress FILE] | firedrill train --list [--json] [--progress FILE]',
  summary: 'guided training through the curriculum, with your progress kept between sessions',
  help: [
    'Walks a new on-call engineer through the built-in scenarios, level by level: from rollbacks',
    'that take seconds to data loss that no play can win. The drill itself needs a terminal;',
    '--list works anywhere.',
    '',
    'Options:',
    '  --list           print the curriculum and your progress: per scenario the pattern it',
    '                   teaches, your best score, best recovery time and its date, and which',
    '                   one is next (works without a terminal)',
    '  --json           with --list: the same as one JSON document on stdout',
    '  --progress FILE  where your progress is kept (default $XDG_STATE_HOME/firedrill/progress.json,',
    '                   or ~/.local/state/firedrill/progress.json)',
    '',
    'A progress file that cannot be read is reported, kept beside it as progress.json.bad-N, and',
    'training starts afresh.',
    '',
    'Example: firedrill train --list',
    'Exit codes: 0 done, 2 bad input, or a drill asked for without a terminal.',
  ].join('\n'),
  options: { list: { type: 'boolean' }, json: { type: 'boolean' }, progress: { type: 'string' } },
  run({ positionals, values }, io: Io) {
    if (positionals.length > 1) throw new UsageError('name at most one scenario', 'train');
    if (values.progress === '') throw new UsageError('--progress needs a file name', 'train');
    const progressFile = progressPathFor(io, values.progress);
    if (values.list) {
      if (positionals.length > 0) throw new UsageError('--list shows the whole curriculum: leave out the scenario', 'train');
      return printTrainingList(io, { json: values.json === true, progressFile });
    }
    if (values.json) throw new UsageError('--json goes with --list', 'train');
    if (positionals[0] !== undefined) resolveScenario(positionals[0]);
    if (!io.isTTY) {
      io.err('firedrill train needs a terminal; use firedrill train --list\n');
      return 2;
    }
    io.err('firedrill: the interactive training screen is not part of this version yet; use firedrill train --list\n');
    return 2;
  },
};
