import { abortable, abortNames, abortRefusal } from '../in-flight.js';
import { unknownName } from '../names.js';
import { settableKeys, unsettable } from '../settable.js';
import type { ComponentKind, RuleSpec, SideEffectClass } from '../spec.js';
import type { World } from '../world.js';
import { kindsOf, type ArgKind, type NameKind, type ValueDecl, type ValueKind } from './declaration.js';
import { VALUES } from './values.js';

/**
 * What each kind of word means in a world: the names it can take now (for checks, did-you-mean
 * and completion), and the form a value must have. Nothing here changes the world.
 */

interface NameMeaning {
  /** `component`, `version of payment-api`: how messages call it. */
  noun(of: string | undefined): string;
  /** Every name it accepts now. */
  names(world: World, of: string | undefined): string[];
  /** What to offer while typing, when it differs from what is accepted (backups not destroyed). */
  offers?(world: World, of: string | undefined): string[];
  /** Every name is accepted now. */
  open?(world: World): boolean;
  /** A reason to refuse the word that says more than "unknown": it names another kind of thing. */
  refuse?(world: World, word: string, of: string | undefined): string | undefined;
}

const componentsOfKind = (world: World, kind: ComponentKind): string[] =>
  [...world.components.values()].filter((c) => c.spec.kind === kind).map((c) => c.spec.id);

function ofKind(kind: ComponentKind): NameMeaning {
  return {
    noun: () => kind,
    names: (world) => componentsOfKind(world, kind),
    refuse: (world, word) => {
      const c = world.components.get(word);
      return c && c.spec.kind !== kind ? `${word} is a ${c.spec.kind}, not a ${kind}` : undefined;
    },
  };
}

/** Versions of a component; for a model, every name its registry resolves (aliases too). */
function versionsOf(world: World, id: string | undefined): string[] {
  const c = id === undefined ? undefined : world.components.get(id);
  if (!c) return [];
  if (c.spec.kind === 'model') return world.registries.get(c.spec.registry!)!.names();
  return Object.keys(c.spec.versions);
}

function tracksOf(world: World, id: string | undefined): string[] {
  const c = id === undefined ? undefined : world.components.get(id);
  const deployment = c?.spec.kind === 'deployment' ? c.spec.id : world.spec.traffic.deployment;
  return deployment === undefined ? [] : [...world.fleet.get(deployment).replicas.keys()];
}

/** Side-effect kinds the system can produce, by class: from its rules and the fault rules it runs. */
function sideEffectClasses(world: World): Map<string, SideEffectClass> {
  const rules: RuleSpec[] = [...world.spec.rules, ...world.temporaryRules.map((t) => t.rule)];
  for (const f of world.spec.faults) if (f.type === 'rule') rules.push(f.rule);
  const out = new Map<string, SideEffectClass>();
  for (const r of rules) for (const fx of r.effect.sideEffects ?? []) out.set(fx.kind, fx.class);
  return out;
}


const NAMES: Record<NameKind, NameMeaning> = {
  component: { noun: () => 'component', names: (world) => [...world.components.keys()] },
  deployment: ofKind('deployment'),
  model: ofKind('model'),
  dataset: ofKind('dataset'),
  database: { noun: () => 'database', names: (world) => [...world.databases.keys()] },
  agent: { noun: () => 'agent', names: (world) => [...world.agents.keys()] },
  provider: {
    noun: () => 'provider',
    names: (world) => [...new Set([...world.registries.values()].map((r) => r.spec.provider))],
    // A provider-held snapshot can be asked of whoever holds it: its spec does not name them.
    open: (world) => heldBackups(world) > 0,
  },
  version: { noun: (of) => `version of ${of}`, names: versionsOf },
  'dated-version': {
    noun: (of) => `dated version of ${of}`,
    names: (world, of) => {
      const c = of === undefined ? undefined : world.components.get(of);
      return c?.spec.kind === 'model' ? [...world.registries.get(c.spec.registry!)!.versions.keys()] : versionsOf(world, of);
    },
    refuse: (world, word, of) => {
      const c = of === undefined ? undefined : world.components.get(of);
      const registry = c?.spec.kind === 'model' ? world.registries.get(c.spec.registry!)! : undefined;
      if (!registry?.isAlias(word)) return undefined;
      return `'${word}' is a floating alias; pin a dated version (${[...registry.versions.keys()].join(', ')})`;
    },
  },
  schema: { noun: (of) => `schema version of ${of}`, names: versionsOf },
  'component-version': { noun: () => 'component', names: (world) => [...world.components.keys()] },
  release: { noun: () => 'release', names: (world) => world.spec.releases.map((r) => r.id) },
  backup: {
    noun: (of) => `backup of ${of}`,
    names: (world, of) => (of === undefined ? [] : (world.databases.get(of)?.backups.map((b) => b.spec.id) ?? [])),
    offers: (world, of) => (of === undefined ? [] : (world.databases.get(of)?.backups.filter((b) => !b.destroyedBy).map((b) => b.spec.id) ?? [])),
  },
  route: { noun: () => 'route', names: (world) => world.routes.map((r) => r.name) },
  track: {
    noun: () => 'track',
    names: tracksOf,
    refuse: (world, _word, of) => (tracksOf(world, of).length === 0 ? 'this system has no deployment with tracks' : undefined),
  },
  setting: {
    noun: () => 'setting',
    names: (world) => settableKeys(world.spec),
    // A version, or what a version brings, is no setting: say what moves it instead.
    refuse: (world, word) => {
      const c = world.spec.components.find((x) => x.id === word || word.startsWith(`${x.id}.`));
      return c && !settableKeys(world.spec).includes(word) ? unsettable(world.spec, word) : undefined;
    },
  },
  'flag-name': {
    noun: () => 'flag',
    names: (world) => [...world.settings.keys()].filter((k) => k.startsWith('flags.')).map((k) => k.slice(6)),
  },
  'side-effect': {
    noun: () => 'compensatable side effect',
    names: (world) => [...sideEffectClasses(world)].filter(([, c]) => c === 'compensatable').map(([k]) => k),
    refuse: (world, word) => {
      const cls = sideEffectClasses(world).get(word);
      return cls !== undefined && cls !== 'compensatable' ? `${word} side effects are ${cls}: nothing compensates them` : undefined;
    },
  },
  action: {
    noun: () => 'action in flight to abort',
    // A number is accepted with or without its `#`, as the play screen shows it.
    names: (world) => [...abortNames(world), ...abortable(world).map((e) => String(e.record.id))],
    offers: abortNames,
    refuse: abortRefusal,
  },
};

function heldBackups(world: World): number {
  let n = 0;
  for (const db of world.databases.values()) for (const b of db.backups) if (b.spec.scope === 'provider' && !b.accessible) n++;
  return n;
}

const isName = (k: ArgKind): k is NameKind => Object.hasOwn(NAMES, k);

/** What a kind (or kinds) is called in help and messages. */
export function describeKinds(decl: ValueDecl): string {
  const parts = kindsOf(decl).map((k) => (isName(k) ? NAMES[k].noun(decl.of) : VALUES[k].what));
  return [...parts, ...(decl.choices ?? [])].join(' or ');
}

/**
 * Checks a word's form without a world: choices, and value kinds. Names always pass here
 * (only a world knows them).
 */
export function checkForm(decl: ValueDecl, word: string, label: string): string | undefined {
  if (decl.choices?.includes(word)) return undefined;
  const kinds = kindsOf(decl);
  if (kinds.some(isName) || kinds.some((k) => VALUES[k as ValueKind].valid(word))) return undefined;
  // A placeholder no usage line shows (`on|off` has none) would only puzzle.
  return decl.kind === undefined ? `expected ${describeKinds(decl)}, got '${word}'` : `${label} must be ${describeKinds(decl)}, got '${word}'`;
}

/** Checks a word against the world; `of` is the word of the argument its kind belongs to. */
export function checkWord(world: World, decl: ValueDecl, word: string, of: string | undefined, label: string): string | undefined {
  const form = checkForm(decl, word, label);
  if (form !== undefined || decl.choices?.includes(word)) return form;
  const kinds = kindsOf(decl).filter(isName);
  if (kinds.length === 0) return undefined;
  if (kinds.includes('component-version')) return checkComponentVersion(world, word);
  const meanings = kinds.map((k) => NAMES[k]);
  const refused = meanings.length === 1 ? meanings[0]!.refuse?.(world, word, of) : undefined;
  if (refused !== undefined) return refused;
  const known = meanings.flatMap((m) => m.names(world, of));
  if (known.includes(word) || meanings.some((m) => m.open?.(world))) return undefined;
  return unknownName(meanings.map((m) => m.noun(of)).join(' or '), word, known);
}

function checkComponentVersion(world: World, word: string): string | undefined {
  const [id, version] = splitAt(word);
  if (!world.components.has(id)) return unknownName('component', id, world.components.keys());
  if (version === undefined || versionsOf(world, id).includes(version)) return undefined;
  return unknownName(`version of ${id}`, version, versionsOf(world, id));
}

/** `a=2.1` into `['a', '2.1']`; `a` into `['a', undefined]`. */
export function splitAt(word: string): [string, string | undefined] {
  const eq = word.indexOf('=');
  return eq < 0 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
}

/** Words worth offering for a value in this world (unsorted; completion sorts). */
export function offers(world: World, decl: ValueDecl, of: string | undefined, typed: string): string[] {
  const out = [...(decl.choices ?? [])];
  for (const k of kindsOf(decl)) {
    if (!isName(k)) continue;
    if (k === 'component-version') {
      const [id, version] = splitAt(typed);
      if (version === undefined) out.push(...world.components.keys());
      else out.push(...versionsOf(world, id).map((v) => `${id}=${v}`));
      continue;
    }
    const m = NAMES[k];
    out.push(...(m.offers ?? m.names)(world, of));
  }
  return out;
}
