import { COMMANDS } from './commands/catalogue.js';
import type { CommandDef } from './commands/command.js';
import { fitWidth, hangingIndent } from './fit-width.js';
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

const indentOf = (line: string): number => line.length - line.trimStart().length;
/** A line that starts a paragraph of its own: `Exit codes: ...`, `Example: ...`. */
const LABELLED = /^[A-Z][\w ]{0,20}:( |$)/;

/**
 * Help as written, with each paragraph and each option's description joined back into one
 * line, for the terminal's width to wrap: a prose line at the margin continues the one above
 * it, and a line indented under an option's text continues that option. Headings (ending with
 * a colon), labelled lines (`Exit codes: ...`), examples and blank lines keep their own lines.
 */
export function reflow(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const previous = out.at(-1);
    const prose =
      previous !== undefined && previous !== '' && line !== '' && indentOf(previous) === 0 && indentOf(line) === 0 && !previous.endsWith(':') && !LABELLED.test(line);
    const continued = previous !== undefined && line.trim() !== '' && indentOf(line) > indentOf(previous) && indentOf(line) === hangingIndent(previous, Infinity);
    if (prose || continued) out[out.length - 1] = `${previous} ${line.trim()}`;
    else out.push(line);
  }
  return out.join('\n');
}

/** `firedrill COMMAND --help` and `firedrill help COMMAND`. */
export function commandHelp(io: Io, def: CommandDef): string {
  const help = io.columns === undefined ? def.help : reflow(def.help);
  return fitWidth(`Usage: ${def.usage}\n\n${def.summary}\n\n${help}\n`, io.columns);
}
