import { formatProblem, InputError } from '../formats/source.js';
import type { CommandDef } from './commands/command.js';
import { parse } from './commands/command.js';
import { checkCommand } from './commands/check.js';
import { compareCommand } from './commands/compare.js';
import { facilitateCommand } from './commands/facilitate.js';
import { fuzzCommand } from './commands/fuzz.js';
import { importCommand } from './commands/import.js';
import { listCommand } from './commands/list.js';
import { launch } from './commands/launch.js';
import { playCommand } from './commands/play.js';
import { mergeCommand } from './commands/merge.js';
import { replayCommand } from './commands/replay.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { scorecardCommand } from './commands/scorecard.js';
import { trainCommand } from './commands/train.js';
import { validateCommand } from './commands/validate.js';
import { processIo, UsageError, type Io } from './io.js';
import { version } from './library.js';
import { WriteError } from './write-file.js';

const COMMANDS: CommandDef[] = [playCommand, facilitateCommand, trainCommand, runCommand, replayCommand, compareCommand, mergeCommand, validateCommand, checkCommand, importCommand, listCommand, scorecardCommand, schemaCommand, fuzzCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'firedrill: fire drills for rolling back AI systems',
    '',
    'Usage: firedrill COMMAND [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'With no command, firedrill opens a launcher on a terminal (pick a scenario, a mode, a seed);',
    'elsewhere it prints the scorecard of the built-in scenarios (also: firedrill scorecard).',
    'firedrill COMMAND --help shows a command’s options. firedrill --version prints the version.',
    '',
  ].join('\n');
}

/** Runs the command line; returns the exit code (0 pass, 1 missed target, 2 bad input, 3 bug). */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === '--version' || name === '-v') {
      io.out(`${version()}\n`);
      return 0;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.out(usage());
      return 0;
    }
    if (name === undefined && io.isTTY && process.stdin.isTTY) return await launch(io);
    const def = name === undefined ? scorecardCommand : COMMANDS.find((c) => c.name === name);
    if (!def) throw new UsageError(`unknown command '${name}'`);
    const args = name === undefined ? [] : rest;
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`Usage: ${def.usage}\n\n${def.summary}\n\n${def.help}\n`);
      return 0;
    }
    const code = await def.run(parse(def, args), io);
    const failure = io.outFailure?.();
    if (failure) throw WriteError.of('standard output', failure);
    return code;
  } catch (e) {
    if (e instanceof InputError) {
      for (const p of e.problems) io.err(`${formatProblem(p)}\n`);
      return 2;
    }
    if (e instanceof WriteError) {
      io.err(`firedrill: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      const def = COMMANDS.find((c) => c.name === e.command);
      io.err(`firedrill: ${e.message}\n${def ? `Usage: ${def.usage}\n` : usage()}`);
      return 2;
    }
    io.err(
      `firedrill: internal error. This is a bug in firedrill, not in your files.\n` +
        `Reproduce it with: firedrill ${argv.join(' ')}\n` +
        `${(e as Error).stack ?? String(e)}\n`,
    );
    return 3;
  }
}
