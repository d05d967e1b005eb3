import { unknownName } from '../core/names.js';
import { COMMANDS, findCommand, type CommandEntry } from './commands/catalogue.js';
import type { CommandDef } from './commands/command.js';
import { parse } from './commands/command.js';
import { processIo, UsageError, withoutColor, type Io } from './io.js';
import { version } from './package.js';
import { WriteError } from './write-file.js';

const GLOBAL_FLAGS = ['--help', '-h', '--version', '-v', '--no-color'];

/** `--no-color` anywhere before `--` switches colour off for every command; the rest is the command line. */
function takeNoColor(argv: string[]): { argv: string[]; noColor: boolean } {
  const end = argv.indexOf('--');
  const head = end === -1 ? argv : argv.slice(0, end);
  const tail = end === -1 ? [] : argv.slice(end);
  const kept = head.filter((a) => a !== '--no-color');
  return { argv: [...kept, ...tail], noColor: kept.length !== head.length };
}

/** `firedrill COMMAND`, `firedrill help COMMAND`, or a mistyped name with the nearest command. */
function commandNamed(name: string): CommandEntry {
  const found = findCommand(name);
  if (found) return found;
  if (name.startsWith('-')) throw new UsageError(unknownName('option', name, GLOBAL_FLAGS));
  throw new UsageError(unknownName('command', name, [...COMMANDS.map((c) => c.name), 'help', 'version']));
}

/** Help is loaded only when asked for: it fits text to the terminal, which a drill does not need. */
async function topUsage(io: Io): Promise<string> {
  return (await import('./help.js')).topUsage(io);
}

async function commandHelp(io: Io, def: CommandDef): Promise<string> {
  return (await import('./help.js')).commandHelp(io, def);
}

/** Runs the command line; returns the exit code (0 pass, 1 missed target, 2 bad input, 3 bug). */
export async function main(rawArgv: string[], rawIo: Io = processIo()): Promise<number> {
  const { argv, noColor } = takeNoColor(rawArgv);
  const io = noColor ? withoutColor(rawIo) : rawIo;
  const [name, ...rest] = argv;
  let def: CommandDef | undefined;
  try {
    if (name === '--version' || name === '-v' || name === 'version') {
      io.out(`${version()}\n`);
      return 0;
    }
    if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
      io.out(await topUsage(io));
      return 0;
    }
    if (name === 'help') {
      io.out(await commandHelp(io, await commandNamed(rest[0]!).load()));
      return 0;
    }
    if (name === undefined && io.isTTY && process.stdin.isTTY) {
      const { launch } = await import('./commands/launch.js');
      return await launch(io);
    }
    def = await commandNamed(name ?? 'scorecard').load();
    const args = name === undefined ? [] : rest;
    const options = args.slice(0, args.includes('--') ? args.indexOf('--') : args.length);
    if (options.includes('--help') || options.includes('-h')) {
      io.out(await commandHelp(io, def));
      return 0;
    }
    if (options.includes('--version') && !('version' in def.options)) {
      io.out(`${version()}\n`);
      return 0;
    }
    const code = await def.run(parse(def, args), io);
    const failure = io.outFailure?.();
    if (failure) throw WriteError.of('standard output', failure);
    return code;
  } catch (e) {
    // Loaded here, not up front: the module that threw has loaded it already, and --version never needs it.
    const { formatProblem, InputError } = await import('../formats/source.js');
    if (e instanceof InputError) {
      for (const p of e.problems) io.err(`${formatProblem(p)}\n`);
      return 2;
    }
    if (e instanceof WriteError) {
      io.err(`firedrill: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      const usageOf = e.command === undefined ? undefined : e.command === def?.name ? def : await findCommand(e.command)?.load();
      io.err(`firedrill: ${e.message}\n${usageOf ? `Usage: ${usageOf.usage}\n` : 'firedrill --help lists the commands and their options.\n'}`);
      return 2;
    }
    io.err(
      `firedrill: internal error. This is a bug in firedrill, not in your files.\n` +
        `Reproduce it with: firedrill ${rawArgv.join(' ')}\n` +
        `${(e as Error).stack ?? String(e)}\n`,
    );
    return 3;
  }
}
