import type { ArgDecl, Declaration, OptionDecl } from './actions/declaration.js';
import { VERBS } from './actions/verbs.js';
import { isOptionWord, splitWords, type Word } from './command-words.js';

/**
 * An operator command: a verb, positional arguments and `--name value` options (flags hold
 * `'true'`). Team input, playbook steps and journal lines all become this, and the same
 * catalogue runs them.
 */
export interface Command {
  verb: string;
  args: string[];
  options: Record<string, string>;
}

/** What a run of words makes under a verb's declaration, and what the next word would be. */
export interface Reading {
  args: string[];
  options: Record<string, string>;
  /** A valued option the words ended on: the next word is its value. */
  pending?: OptionDecl;
  /** The words ended inside a text argument: everything further is text. */
  inText: boolean;
  error?: string;
}

/** The declared argument a positional word at `index` fills (the last one repeats). */
export function argAt(decl: Declaration, index: number): ArgDecl | undefined {
  const last = decl.args.at(-1);
  return decl.args[index] ?? (last?.repeat ? last : undefined);
}

/**
 * Reads the words after the verb. A declared flag takes no value, so `restore --pitr crm-db`
 * names the database; a declared valued option takes the next word. An undeclared option (or
 * any option of an unknown verb) takes the next word unless it is an option itself: the
 * checks then say it does not exist.
 */
export function readWords(decl: Declaration | undefined, words: readonly Word[]): Reading {
  const r: Reading = { args: [], options: {}, inText: false };
  let unknownPending: string | undefined;
  for (const w of words) {
    if (r.inText) {
      r.args.push(w.text);
      continue;
    }
    if (r.pending) {
      if (isOptionWord(w)) return { ...r, error: `--${r.pending.name} needs a value: ${r.pending.value!.name}` };
      r.options[r.pending.name] = w.text;
      delete r.pending;
      continue;
    }
    if (unknownPending !== undefined) {
      if (!isOptionWord(w)) {
        r.options[unknownPending] = w.text;
        unknownPending = undefined;
        continue;
      }
      r.options[unknownPending] = 'true';
      unknownPending = undefined;
    }
    const next = decl ? argAt(decl, r.args.length) : undefined;
    if (next?.kind === 'text') {
      r.inText = true;
      r.args.push(w.text);
    } else if (isOptionWord(w)) {
      const eq = w.text.indexOf('=');
      const name = w.text.slice(2, eq > 2 ? eq : undefined);
      const option = decl?.options.find((o) => o.name === name);
      if (option && !option.value) {
        if (eq > 2) return { ...r, error: `--${name} is a flag and takes no value` };
        r.options[name] = 'true';
      } else if (eq > 2) {
        r.options[name] = w.text.slice(eq + 1);
      } else if (option) {
        r.pending = option;
      } else {
        unknownPending = name;
      }
    } else {
      r.args.push(w.text);
    }
  }
  if (unknownPending !== undefined) r.options[unknownPending] = 'true';
  return r;
}

/** Splits `rollback payment-api --to 2.14 --strategy recreate` into a command. */
export function parseCommand(text: string): Command | { error: string } {
  const words = splitWords(text.trim());
  if ('error' in words) return words;
  const [first, ...rest] = words;
  if (!first) return { error: 'empty command' };
  const verb = first.text.toLowerCase();
  const r = readWords(VERBS.get(verb), rest);
  if (r.error) return { error: `${verb}: ${r.error}` };
  if (r.pending) return { error: `${verb}: --${r.pending.name} needs a value: ${r.pending.value!.name}` };
  return { verb, args: r.args, options: r.options };
}

/** The text of a command, read back by parseCommand as the same command. */
export function formatCommand(cmd: Command): string {
  const quote = (w: string): string => (w === '' || /[\s"']/.test(w) || (w.startsWith('--') && w.length > 2) ? JSON.stringify(w) : w);
  const decl = VERBS.get(cmd.verb);
  const parts = [cmd.verb, ...cmd.args.map(quote)];
  for (const [k, v] of Object.entries(cmd.options)) {
    const option = decl?.options.find((o) => o.name === k);
    const flag = option ? !option.value : v === 'true';
    parts.push(flag ? `--${k}` : `--${k} ${quote(v)}`);
  }
  return parts.join(' ');
}
