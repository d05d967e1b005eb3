import { describe, expect, it } from 'vitest';
import { checkShape } from '../../../src/core/actions/check.js';
import { kindsOf, placeholder, usageOf, type ArgKind, type Declaration } from '../../../src/core/actions/declaration.js';
import { VERBS } from '../../../src/core/actions/verbs.js';
import { helpIndex, verbHelp } from '../../../src/core/command-line.js';
import { formatCommand, parseCommand, type Command } from '../../../src/core/commands.js';

const verbs = [...VERBS.values()];

/** A well-formed word of each kind; names need a world to be right, so any word will do. */
const SAMPLE: Partial<Record<ArgKind, string>> = { duration: '30s', share: '10', percent: '3%', count: '25%', number: '3', replicas: '3', value: 'on', text: 'why' };

function example(decl: Declaration): Command {
  const sample = (v: { kind?: unknown; choices?: readonly string[] } & Parameters<typeof kindsOf>[0]): string => {
    const kind = kindsOf(v)[0];
    return kind ? (SAMPLE[kind] ?? 'name') : v.choices![0]!;
  };
  const grouped = new Set((decl.exclusive ?? []).flatMap((g) => g.slice(1)));
  return {
    verb: decl.name,
    args: decl.args.map(sample),
    options: Object.fromEntries(decl.options.filter((o) => !grouped.has(o.name)).map((o) => [o.name, o.value ? sample(o.value) : 'true'])),
  };
}

describe.each(verbs.map((v) => [v.name, v] as const))('the declaration of %s', (name, verb) => {
  it('says what the verb and each argument and option mean', () => {
    expect(verb.summary.length).toBeGreaterThan(10);
    for (const a of verb.args) expect(a.about.length, a.name).toBeGreaterThan(3);
    for (const o of verb.options) expect(o.about.length, o.name).toBeGreaterThan(3);
    for (const a of verb.args) expect(a.kind !== undefined || (a.choices?.length ?? 0) > 1, a.name).toBe(true);
  });

  it('puts optional, repeated and free-text arguments last', () => {
    const firstOptional = verb.args.findIndex((a) => a.optional);
    if (firstOptional >= 0) expect(verb.args.slice(firstOptional).every((a) => a.optional)).toBe(true);
    verb.args.forEach((a, i) => {
      if (a.repeat || a.kind === 'text') expect(i, a.name).toBe(verb.args.length - 1);
    });
  });

  it('ties every version, schema, backup and track to an argument named before it', () => {
    const values = [...verb.args.map((a, i) => ({ v: a, before: verb.args.slice(0, i) })), ...verb.options.flatMap((o) => (o.value ? [{ v: o.value, before: verb.args }] : []))];
    for (const { v, before } of values) {
      const needs = kindsOf(v).some((k) => ['version', 'dated-version', 'schema', 'backup'].includes(k));
      if (needs) expect(v.of, v.name).toBeDefined();
      if (v.of !== undefined) expect(before.map((a) => a.name), v.name).toContain(v.of);
    }
  });

  it('gives a usage line made of its arguments and options, in order', () => {
    const usage = usageOf(verb);
    // Brackets around a word mark it optional; `COMPONENT[=VERSION]` keeps its own.
    const words = usage.split(' ').filter((w) => w !== '|').map((w) => w.replace(/^\[/, '').replace(/\]$/, ''));
    const expected = [name, ...verb.args.map((a) => `${placeholder(a)}${a.repeat ? '...' : ''}`), ...verb.options.flatMap((o) => (o.value ? [`--${o.name}`, placeholder(o.value)] : [`--${o.name}`]))];
    expect(words).toEqual(expected);
    expect(helpIndex().find((h) => h.name === name)!.usage).toBe(usage);
    expect(verbHelp(name)!.split('\n')[0]).toBe(`usage: ${usage}`);
  });

  it('accepts a command that uses every argument and option, written and read back', () => {
    const cmd = example(verb);
    expect(checkShape(verb, cmd)).toBeUndefined();
    expect(parseCommand(formatCommand(cmd))).toEqual(cmd);
  });
});

describe('the catalogue of verbs', () => {
  it('has one declaration per verb, under the verb’s own name', () => {
    expect(verbs.length).toBeGreaterThan(20);
    for (const [key, verb] of VERBS) expect(verb.name).toBe(key);
    expect(helpIndex().map((h) => h.name)).toEqual([...VERBS.keys()]);
  });
});
