import { parseArgs, type ParseArgsConfig } from 'node:util';
import { unknownName } from '../../core/names.js';
import { UsageError, type Io } from '../io.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandDef {
  name: string;
  usage: string;
  summary: string;
  /** Longer help: what it does, its options, an example. */
  help: string;
  options: Options;
  run(args: { positionals: string[]; values: Record<string, string | boolean | string[] | undefined> }, io: Io): Promise<number> | number;
}

export function parse(def: CommandDef, argv: string[]): { positionals: string[]; values: Record<string, string | boolean | string[] | undefined> } {
  try {
    const { positionals, values } = parseArgs({ args: argv, options: def.options, allowPositionals: true, strict: true });
    return { positionals, values: values as Record<string, string | boolean | string[] | undefined> };
  } catch (e) {
    const unknown = (e as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-[^']*)'/.exec((e as Error).message)?.[1] : undefined;
    if (unknown !== undefined) throw new UsageError(unknownName('option', unknown, optionNames(def)), def.name);
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''), def.name);
  }
}

/** Every option the command takes, as typed: its own, then those every command takes. */
export function optionNames(def: CommandDef): string[] {
  return [...Object.keys(def.options).map((o) => `--${o}`), '--help', '--version', '--no-color'];
}

/** A whole number option, or the default; anything else is a usage error. */
export function intOption(value: unknown, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || !Number.isSafeInteger(n)) {
    throw new UsageError(`--${name} must be a whole number of at least ${min}, got '${String(value)}'`);
  }
  return n;
}
