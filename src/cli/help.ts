import { COMMANDS } from './commands/catalogue.js';
import type { CommandDef } from './commands/command.js';
import { fitWidth } from './fit-width.js';
import type { Io } from './io.js';

/** `firedrill --help`: every command with its one line, fitted to the terminal. */
export function topUsage(io: Io): string {
  const rows: [string, string][] = [
    ...COMMANDS.map((c): [string, string] => [c.name, c.summary]),
    ['help COMMAND', 'the options of a command, as COMMAND --help does'],
    ['version', 'print the version, as --version does'],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const text = [
    'firedrill: fire drills for rolling back AI systems',
    '',
    'Usage: firedrill COMMAND [options]',
    '',
    ...rows.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    // One line per paragraph: a terminal's width wraps them, and a pipe keeps each whole.
    'With no command, firedrill opens a launcher on a terminal (pick a scenario, a mode, a seed); elsewhere it prints the scorecard of the built-in scenarios (also: firedrill scorecard).',
    '',
    'Every command takes --help, --version and --no-color; colour also follows NO_COLOR and FORCE_COLOR. Shell completion: firedrill completion bash|zsh|fish (firedrill help completion says where to keep it).',
    '',
  ].join('\n');
  return fitWidth(text, io.columns);
}

/** `firedrill COMMAND --help` and `firedrill help COMMAND`. */
export function commandHelp(io: Io, def: CommandDef): string {
  return fitWidth(`Usage: ${def.usage}\n\n${def.summary}\n\n${def.help}\n`, io.columns);
}
