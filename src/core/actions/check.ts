import { argAt, type Command } from '../commands.js';
import { nearest, unknownName } from '../names.js';
import type { World } from '../world.js';
import { placeholder, usageOf, type Declaration } from './declaration.js';
import { checkForm, checkWord } from './kinds.js';
import { VERBS } from './verbs.js';

/**
 * What is wrong with a command whatever the world: an option the verb does not have, options
 * that exclude each other, arguments missing or too many, values of the wrong form. Playbooks
 * are checked with this before any world exists.
 */
export function checkShape(decl: Declaration, cmd: Command): string | undefined {
  const usage = `(usage: ${usageOf(decl)})`;
  for (const name of Object.keys(cmd.options)) {
    if (decl.options.some((o) => o.name === name)) continue;
    const guess = nearest(name, decl.options.map((o) => o.name));
    return `${decl.name} has no option --${name}${guess ? `; did you mean --${guess}?` : ''} ${usage}`;
  }
  for (const group of decl.exclusive ?? []) {
    const given = group.filter((n) => cmd.options[n] !== undefined);
    if (given.length > 1) return `${given.map((n) => `--${n}`).join(' and ')} cannot be given together ${usage}`;
  }
  // Optional arguments follow the required ones, so the first one not given is the one missing.
  const missing = decl.args[cmd.args.length];
  if (missing && !missing.optional) return `${decl.name} needs ${placeholder(missing)}: ${missing.about} ${usage}`;
  for (let i = 0; i < cmd.args.length; i++) {
    const arg = argAt(decl, i);
    if (!arg) {
      const n = decl.args.length;
      return `${decl.name} takes ${n === 0 ? 'no arguments' : `at most ${n} argument${n > 1 ? 's' : ''}`}, not '${cmd.args.slice(n).join(' ')}' ${usage}`;
    }
    if (arg.kind === 'text') break;
    const bad = checkForm(arg, cmd.args[i]!, arg.name);
    if (bad) return bad;
  }
  for (const o of decl.options) {
    const value = cmd.options[o.name];
    if (value === undefined || !o.value) continue;
    const bad = checkForm(o.value, value, `--${o.name}`);
    if (bad) return bad;
  }
  return undefined;
}

/** The word given for the argument a kind belongs to (`of: 'COMPONENT'`). */
function subject(decl: Declaration, cmd: Command, of: string | undefined): string | undefined {
  if (of === undefined) return undefined;
  const i = decl.args.findIndex((a) => a.name === of);
  return i < 0 ? undefined : cmd.args[i];
}

/**
 * Checks a parsed command against the world without changing anything: the verb exists, its
 * arguments and options fit its declaration, every name exists (a version of that component, a
 * backup of that database), and the verb's own conditions hold. Returns the first problem, with
 * the nearest valid name where there is one.
 */
export function checkCommand(world: World, cmd: Command): string | undefined {
  return checkWords(world, cmd) ?? VERBS.get(cmd.verb)!.check?.(world, cmd);
}

/** Everything `checkCommand` checks but the verb's own conditions: the verb, the shape, every name. */
export function checkWords(world: World, cmd: Command): string | undefined {
  const verb = VERBS.get(cmd.verb);
  if (!verb) return unknownName('command', cmd.verb, VERBS.keys());
  const shape = checkShape(verb, cmd);
  if (shape) return shape;
  for (let i = 0; i < cmd.args.length; i++) {
    const arg = argAt(verb, i)!;
    if (arg.kind === 'text') break;
    const bad = checkWord(world, arg, cmd.args[i]!, subject(verb, cmd, arg.of), arg.name);
    if (bad) return bad;
  }
  for (const o of verb.options) {
    const value = cmd.options[o.name];
    if (value === undefined || !o.value) continue;
    const bad = checkWord(world, o.value, value, subject(verb, cmd, o.value.of), `--${o.name}`);
    if (bad) return bad;
  }
  return undefined;
}
