/**
 * What an operator verb accepts, as data: its positional arguments and its options, each with
 * the kind of name or value it takes. Parsing, checking against the world, usage and help text,
 * completion and playbook checks all read this one declaration.
 */

/** Names of things in the world: checked against it and completed from it. */
export type NameKind =
  | 'component'
  | 'deployment'
  | 'model'
  | 'database'
  | 'dataset'
  | 'agent'
  | 'provider'
  /** A version of the component named by `of` (for a model: its registry's versions and aliases). */
  | 'version'
  /** A dated registry version of the model named by `of`, never a floating alias. */
  | 'dated-version'
  /** A schema version of the database named by `of`. */
  | 'schema'
  /** `COMPONENT` or `COMPONENT=VERSION`. */
  | 'component-version'
  | 'release'
  /** A backup of the database named by `of`. */
  | 'backup'
  | 'route'
  /** A track (environment) of the deployment named by `of`, or of the serving deployment. */
  | 'track'
  | 'setting'
  | 'flag-name'
  | 'side-effect'
  /** An action in flight: its number (`#3`), or a name of what it changes. */
  | 'action';

/** Values whose form alone says whether they are right. */
export type ValueKind =
  /** `30`, `30s`, `2m` or `1h`: seconds unless a unit says otherwise. */
  | 'duration'
  /** A share of users, 0 to 100, with or without `%`. */
  | 'share'
  /** A non-negative percentage, with or without `%`. */
  | 'percent'
  /** A number of pods or a percentage of the replicas (`2`, `25%`). */
  | 'count'
  /** A whole number, zero or more. */
  | 'number'
  /** A count of pods for one deployment, 0 to MAX_REPLICAS. */
  | 'replicas'
  /** A setting's new value: a number, true/false, on/off, or a word. */
  | 'value'
  /** Every word to the end of the line, `--` words included. */
  | 'text';

export type ArgKind = NameKind | ValueKind;

/** One word a command takes: a positional argument or an option's value. */
export interface ValueDecl {
  /** The placeholder shown in usage: `COMPONENT`, `N|P%`. */
  name: string;
  /** What the word names or means; absent when only `choices` are accepted. */
  kind?: ArgKind | readonly ArgKind[];
  /** Words taken literally, instead of or beside the kind (`on|off`, `abort|promote`). */
  choices?: readonly string[];
  /** For a kind that belongs to something named earlier (a version, a backup): that argument's placeholder. */
  of?: string;
}

export interface ArgDecl extends ValueDecl {
  /** What the argument means, for help. */
  about: string;
  optional?: true;
  /** Takes every remaining word (only the last argument). */
  repeat?: true;
}

export interface OptionDecl {
  /** Without the dashes: `max-unavailable`. */
  name: string;
  about: string;
  /** What the option takes; absent for a flag, which takes no value. */
  value?: ValueDecl;
}

export interface Declaration {
  name: string;
  /** One line: what the verb does. */
  summary: string;
  args: readonly ArgDecl[];
  options: readonly OptionDecl[];
  /** Options that cannot be given together. */
  exclusive?: readonly (readonly string[])[];
  /**
   * What the verb does, when it changes nothing of the system: `none` (it looks, waits or writes
   * the timeline; not counted among the actions taken), `detection` (it declares the incident),
   * `check` (it measures). Absent: it changes the system.
   */
  leaves?: 'none' | 'detection' | 'check';
  /**
   * What `abort` does to this verb's action while it is under way (`stops`), or why it cannot be
   * aborted (`never`, read after "cannot be aborted: "). Absent: it cannot be, for abort stops
   * only changes to what serves.
   */
  abort?: { stops: string } | { never: string };
}

export function kindsOf(decl: ValueDecl): readonly ArgKind[] {
  if (decl.kind === undefined) return [];
  return typeof decl.kind === 'string' ? [decl.kind] : decl.kind;
}

/** `PERCENT|abort|promote`, `on|off`, `COMPONENT`. */
export function placeholder(decl: ValueDecl): string {
  if (decl.kind === undefined && decl.choices) return decl.choices.join('|');
  return [decl.name, ...(decl.choices ?? [])].join('|');
}

function argUsage(a: ArgDecl): string {
  const word = `${placeholder(a)}${a.repeat ? '...' : ''}`;
  return a.optional ? `[${word}]` : word;
}

function optionUsage(o: OptionDecl): string {
  return o.value ? `--${o.name} ${placeholder(o.value)}` : `--${o.name}`;
}

/** The usage line: `restore DATABASE [--from BACKUP | --pitr]`. */
export function usageOf(decl: Declaration): string {
  const parts = [decl.name, ...decl.args.map(argUsage)];
  const grouped = new Set<string>();
  for (const o of decl.options) {
    if (grouped.has(o.name)) continue;
    const group = decl.exclusive?.find((g) => g.includes(o.name));
    if (group) {
      for (const n of group) grouped.add(n);
      parts.push(`[${group.map((n) => optionUsage(decl.options.find((x) => x.name === n)!)).join(' | ')}]`);
    } else {
      parts.push(`[${optionUsage(o)}]`);
    }
  }
  return parts.join(' ');
}

/** `usage`, the summary, then every argument and option with what it means, then what `abort` does to it. */
export function helpText(decl: Declaration): string {
  const rows: [string, string][] = [
    ...decl.args.map((a): [string, string] => [argUsage(a), a.about]),
    ...decl.options.map((o): [string, string] => [optionUsage(o), o.about]),
  ];
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  const abort = decl.abort === undefined ? [] : ['', 'stops' in decl.abort ? `abort while it runs: ${decl.abort.stops}` : `cannot be aborted: ${decl.abort.never}`];
  return [`usage: ${usageOf(decl)}`, decl.summary, ...(rows.length ? [''] : []), ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`), ...abort].join('\n');
}
