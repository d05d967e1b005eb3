import { COMMANDS } from './commands/catalogue.js';
import type { CommandDef } from './commands/command.js';
import type { Io } from './io.js';

/** `firedrill --help`: every command with its one line. */
export function topUsage(_io: Io): string {
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

/** `firedrill COMMAND --help`. */
export function commandHelp(_io: Io, def: CommandDef): string {
  return `Usage: ${def.usage}\n\n${def.summary}\n\n${def.help}\n`;
}
