import { basename } from 'node:path';
import { SCHEMA_KINDS } from '../../formats/json-schema.js';
import { COMMANDS } from '../commands/catalogue.js';
import { optionNames, type CommandDef } from '../commands/command.js';
import { yamlFilesIn } from '../files.js';
import { PLAYBOOK_DIR, SCENARIO_DIR } from '../library.js';
import { FORMATS } from '../sweep/outputs.js';

/** What a word may be: one of the built-in names (or a file), a file, one of a fixed list, or anything. */
export type WordKind = { kind: 'scenario' } | { kind: 'playbook' } | { kind: 'file' } | { kind: 'one-of'; words: readonly string[] } | { kind: 'free' };

export interface OptionSpec {
  /** As typed: `--seed`. */
  flag: string;
  description: string;
  /** The option's value, or undefined for a switch. */
  value: WordKind | undefined;
}

export interface CommandSpec {
  name: string;
  summary: string;
  options: OptionSpec[];
  /** What the words after the command are. */
  operands: WordKind;
}

/** Everything a completion script offers, gathered once when it is printed. */
export interface CompletionSpec {
  commands: CommandSpec[];
  scenarios: string[];
  playbooks: string[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const SCENARIO: WordKind = { kind: 'scenario' };
const FILE: WordKind = { kind: 'file' };

/** The words each command takes after its options; a command not named here takes none. */
function operandsOf(name: string): WordKind {
  if (['play', 'train', 'run', 'compare'].includes(name)) return SCENARIO;
  if (['replay', 'merge', 'validate'].includes(name)) return FILE;
  if (name === 'schema') return { kind: 'one-of', words: SCHEMA_KINDS };
  if (name === 'completion') return { kind: 'one-of', words: SHELLS };
  return { kind: 'free' };
}

/** The value an option takes, from its name: the same names mean the same thing in every command. */
function valueOf(option: string, type: string): WordKind | undefined {
  if (type === 'boolean') return undefined;
  if (option === 'playbook') return { kind: 'playbook' };
  if (option === 'scenario') return SCENARIO;
  if (option === 'format') return { kind: 'one-of', words: FORMATS };
  if (['out', 'journal', 'progress', 'socket'].includes(option)) return FILE;
  return { kind: 'free' };
}

/** An option's line in the command's help (`  --seed N   the drill's seed`), as its description. */
function describe(def: CommandDef, flag: string): string {
  const line = def.help.split('\n').find((l) => new RegExp(`^\\s+${flag}(?=[ ,]|$)`).test(l));
  // Its first line only, without the punctuation that led on to the next.
  const text = line?.replace(/^\s+\S+(?: [A-Z][\w|,./]*(?:\.\.\.)?)?\s*/, '').trim().replace(/[;,:]$/, '') ?? '';
  if (text !== '') return text;
  if (flag === '--help') return 'show the command\'s options';
  if (flag === '--version') return 'print the version';
  if (flag === '--no-color') return 'no colour in the output';
  return '';
}

export async function completionSpec(): Promise<CompletionSpec> {
  const defs = await Promise.all(COMMANDS.map((c) => c.load()));
  const commands = defs.map((def, i) => ({
    name: def.name,
    summary: COMMANDS[i]!.summary,
    operands: operandsOf(def.name),
    options: optionNames(def).map((flag) => {
      const option = def.options[flag.slice(2)];
      return { flag, description: describe(def, flag), value: option ? valueOf(flag.slice(2), option.type) : undefined };
    }),
  }));
  commands.push({ name: 'help', summary: 'the options of a command', operands: { kind: 'one-of', words: COMMANDS.map((c) => c.name) }, options: [] });
  commands.push({ name: 'version', summary: 'print the version', operands: { kind: 'free' }, options: [] });
  const names = (dir: string): string[] => yamlFilesIn(dir).map((f) => basename(f).replace(/\.ya?ml$/, ''));
  return { commands, scenarios: names(SCENARIO_DIR), playbooks: ['reference', 'naive', ...names(PLAYBOOK_DIR)] };
}
