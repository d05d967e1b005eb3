import { helpText, usageOf, type Declaration, type ValueDecl } from './actions/declaration.js';
import { checkWords } from './actions/check.js';
import { offers } from './actions/kinds.js';
import { VERBS } from './actions/verbs.js';
import { argAt, parseCommand, readWords } from './commands.js';
import { splitWords, type Word } from './command-words.js';
import type { World } from './world.js';

/**
 * What a command line needs from the catalogue of verbs: completion against the world, help,
 * and checks, all read from the verbs' declarations. Pure: nothing here changes the world.
 */

export { checkCommand } from './actions/check.js';
export { formatCommand, parseCommand, type Command } from './commands.js';

/** The command line's own word for help; not a verb a playbook can run. */
export const HELP = 'help';

export interface Completion {
  /** Where the word being completed begins in the line: the caller replaces `line.slice(start)`. */
  start: number;
  /** Sorted and unique; a single one may be completed in full. */
  candidates: string[];
}

/**
 * Candidates for the word being typed at the end of `line`: verbs for the first word; then
 * what the verb's declaration expects there, drawn from the world (the versions a component
 * really has, the backups of the database named, the releases...); option names for a word
 * that starts with `-`, or once every argument is given.
 */
export function completeCommand(world: World, line: string): Completion {
  const words = splitWords(line, true) as Word[];
  const last = words.at(-1);
  const typing = last && last.end === line.length ? last : undefined;
  const start = typing ? typing.start : line.length;
  const prefix = typing?.text ?? '';
  const before = typing ? words.slice(0, -1) : words;
  return { start, candidates: matching(wordsFor(world, before, prefix), prefix) };
}

function wordsFor(world: World, before: readonly Word[], prefix: string): string[] {
  const [first, ...rest] = before;
  if (!first) return [...VERBS.keys(), HELP];
  const verb = first.text.toLowerCase();
  if (verb === HELP) return rest.length === 0 ? [...VERBS.keys()] : [];
  const decl = VERBS.get(verb);
  if (!decl) return [];
  const reading = readWords(decl, rest);
  if (reading.error !== undefined || reading.inText) return [];
  const of = (value: ValueDecl): string | undefined => {
    const i = decl.args.findIndex((a) => a.name === value.of);
    return i < 0 ? undefined : reading.args[i];
  };
  if (reading.pending) return offers(world, reading.pending.value!, of(reading.pending.value!), prefix);
  const next = argAt(decl, reading.args.length);
  if (next?.kind === 'text') return [];
  if (prefix.startsWith('-')) return optionWords(world, decl, reading.options, prefix, of);
  if (next) return offers(world, next, of(next), prefix);
  return prefix === '' ? optionWords(world, decl, reading.options, prefix, of) : [];
}

/** `--name` for options not given yet; `--name=value` once `=` is typed. */
function optionWords(world: World, decl: Declaration, given: Record<string, string>, prefix: string, of: (v: ValueDecl) => string | undefined): string[] {
  const eq = prefix.indexOf('=');
  if (prefix.startsWith('--') && eq > 2) {
    const option = decl.options.find((o) => o.name === prefix.slice(2, eq));
    if (!option?.value) return [];
    return offers(world, option.value, of(option.value), prefix.slice(eq + 1)).map((v) => `--${option.name}=${v}`);
  }
  const excluded = new Set(Object.keys(given));
  for (const group of decl.exclusive ?? []) if (group.some((n) => given[n] !== undefined)) for (const n of group) excluded.add(n);
  return decl.options.filter((o) => !excluded.has(o.name)).map((o) => `--${o.name}`);
}

function matching(words: readonly string[], prefix: string): string[] {
  const p = prefix.toLowerCase();
  return [...new Set(words.filter((w) => w.toLowerCase().startsWith(p)))].sort();
}

/**
 * `help VERB`: the usage line, the summary, and each argument and option with its meaning; in a
 * live drill (`world` given), then what the verb would choose now for what a command leaves out.
 */
export function verbHelp(name: string, world?: World): string | undefined {
  const verb = VERBS.get(name.toLowerCase());
  if (!verb) return undefined;
  const now = world && verb.picksNow ? verb.picksNow(world) : [];
  return now.length === 0 ? helpText(verb) : [helpText(verb), '', 'Now, for what a command leaves out:', ...now.map((l) => `  ${l}`)].join('\n');
}

/**
 * What a command being typed will choose for what it leaves out (`rollback payment-api to 2.14
 * (the version 2.15 replaced)`), read before Enter is pressed; undefined while the line is not a
 * whole command whose every word checks, or when its verb chooses nothing.
 */
export function previewCommand(world: World, line: string): string | undefined {
  const cmd = parseCommand(line);
  if ('error' in cmd) return undefined;
  const verb = VERBS.get(cmd.verb);
  if (!verb?.picks || checkWords(world, cmd) !== undefined) return undefined;
  const picked = verb.picks(world, cmd);
  return picked === undefined ? undefined : `${cmd.verb} ${picked}`;
}

/** `help`: every verb with its usage and summary, in the catalogue's order. */
export function helpIndex(): { name: string; usage: string; summary: string }[] {
  return [...VERBS.values()].map((v) => ({ name: v.name, usage: usageOf(v), summary: v.summary }));
}
