import { homedir } from 'node:os';
import { type Io, terminalStyle, UsageError } from '../io.js';
import { outText } from '../fit-width.js';
import { builtinScenarios, CURRICULUM_FILE, curriculumFromFile, resolveScenario } from '../library.js';
import { join } from 'node:path';
import { curriculumOrder, type Curriculum } from '../../formats/curriculum.js';
import { defaultProgressPath, isDone, loadProgress, markStarted, nextScenario, recordAttempt, saveProgress, type Progress } from '../progress.js';
import { drillFolder, parseSpeed, playOnTerminal } from './play.js';
import { formatTrainingList, trainingListJson, trainingView } from '../training-list.js';
import { intOption, type CommandDef } from './command.js';

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
  outText(io, formatTrainingList(view, { done: (t) => style.verdict(t, true), next: style.bold, dim: style.dim, bold: style.bold }));
  return 0;
}

export const trainCommand: CommandDef = {
  name: 'train',
  usage: 'firedrill train [SCENARIO] [--seed N] [--speed X] [--progress FILE] | firedrill train --list [--json] [--progress FILE]',
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
    '  --seed N         the drill\'s seed (default 1)',
    '  --speed X        simulated seconds per wall second (default 1; 10 or 30 to go faster)',
    '  --progress FILE  where your progress is kept (default $XDG_STATE_HOME/firedrill/progress.json,',
    '                   or ~/.local/state/firedrill/progress.json)',
    '',
    'A progress file that cannot be read is reported, kept beside it as progress.json.bad-N, and',
    'training starts afresh.',
    '',
    'Example: firedrill train --list',
    'Exit codes: 0 done, 2 bad input, or a drill asked for without a terminal.',
  ].join('\n'),
  options: { list: { type: 'boolean' }, json: { type: 'boolean' }, progress: { type: 'string' }, seed: { type: 'string' }, speed: { type: 'string' } },
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
    if (!io.isTTY || !process.stdin.isTTY) {
      io.err('firedrill train needs a terminal; use firedrill train --list\n');
      return 2;
    }
    return trainOnTerminal(io, positionals[0], progressFile, { seed: intOption(values.seed, 'seed', 1), speed: parseSpeed(values.speed) });
  },
};

/**
 * Training on this terminal: the curriculum with the learner's progress, then the chosen (or
 * next) scenario on the play screen with the coach on; "next" in the debrief opens the
 * following one. Progress is written when a drill starts and when it ends.
 */
export async function trainOnTerminal(io: Io, first: string | undefined, progressFile: string, pace: { seed: number; speed: number } = { seed: 1, speed: 1 }): Promise<number> {
  const curriculum = curriculumFromFile(CURRICULUM_FILE);
  let id = first;
  if (id === undefined) {
    printTrainingList(io, { json: false, progressFile });
    id = nextScenario(curriculum, loadProgress(progressFile).progress);
    if (id === undefined) {
      io.out('Every scenario of the curriculum is done. Train on any again with firedrill train ID.\n');
      return 0;
    }
  }
  let code = 0;
  while (id !== undefined) {
    const scenario = resolveScenario(id);
    saveProgress(progressFile, markStarted(loadProgress(progressFile).progress, scenario.meta.id));
    let wantNext = false;
    code = await playOnTerminal(
      {
        scenario,
        seed: pace.seed,
        speed: pace.speed,
        mode: 'training',
        facilitator: false,
        journalPath: join(drillFolder(scenario.meta.id, pace.seed, new Date()), 'drill.jsonl'),
        onFinished: (result, hintsUsed) => {
          const outcome = { verdict: result.verdict, score: result.score, recoverMs: result.recoverMs, hintsUsed, date: new Date().toISOString().slice(0, 10) };
          saveProgress(progressFile, recordAttempt(loadProgress(progressFile).progress, scenario.meta.id, outcome));
        },
        onNext: () => {
          wantNext = true;
        },
      },
      io,
    );
    id = wantNext ? followingScenario(curriculum, scenario.meta.id, loadProgress(progressFile).progress) : undefined;
  }
  return code;
}

/** After a drill: the next scenario not yet done, looking past the one just drilled. */
function followingScenario(curriculum: Curriculum, current: string, progress: Progress): string | undefined {
  const order = curriculumOrder(curriculum);
  const at = order.findIndex((e) => e.scenario === current);
  const after = [...order.slice(at + 1), ...order.slice(0, at)];
  return after.find((e) => !isDone(progress.scenarios[e.scenario], e.doneWhen))?.scenario ?? order[at + 1]?.scenario;
}
