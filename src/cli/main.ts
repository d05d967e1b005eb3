import { findCommand } from './commands/catalogue.js';
import type { CommandDef } from './commands/command.js';
import { parse } from './commands/command.js';
import { processIo, UsageError, type Io } from './io.js';
import { version } from './package.js';
import { WriteError } from './write-file.js';

/** Help is loaded only when asked for. */
async function topUsage(io: Io): Promise<string> {
  return (await import('./help.js')).topUsage(io);
}

async function commandHelp(io: Io, def: CommandDef): Promise<string> {
  return (await import('./help.js')).commandHelp(io, def);
}

/** Runs the command line; returns the exit code (0 pass, 1 missed target, 2 bad input, 3 bug). */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  let def: CommandDef | undefined;
  try {
    if (name === '--version' || name === '-v') {
      io.out(`${version()}\n`);
      return 0;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.out(await topUsage(io));
      return 0;
    }
    if (name === undefined && io.isTTY && process.stdin.isTTY) {
      const { launch } = await import('./commands/launch.js');
      return await launch(io);
    }
    const entry = findCommand(name ?? 'scorecard');
    if (!entry) throw new UsageError(`unknown command '${name}'`);
    def = await entry.load();
    const args = name === undefined ? [] : rest;
    if (args.includes('--help') || args.includes('-h')) {
      io.out(await commandHelp(io, def));
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
      io.err(`firedrill: ${e.message}\n${usageOf ? `Usage: ${usageOf.usage}\n` : await topUsage(io)}`);
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
