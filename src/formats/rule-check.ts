import { unknownName } from '../core/names.js';
import { conditionHolds } from '../core/rules.js';
import { settableKeys } from '../core/settable.js';
import { attributesOf, stackKeys, type KeyDomain, type KeySource } from '../core/stack-keys.js';
import type { ComponentSpec, Condition, RuleSpec, Value } from '../core/spec.js';
import { valuesEqual } from '../core/versions.js';
import type { Path } from './source.js';

/**
 * What makes a rule dead: a key, a version, an attribute or a value that no stack ever holds
 * (an error, with the nearest valid name), or conditions that no reachable combination of
 * versions satisfies together (a warning). A dead rule would let a naive playbook pass.
 */

export interface RuleFinding {
  level: 'error' | 'warning';
  path: Path;
  /** Point at this key of the mapping at `path` rather than at its value. */
  key?: string;
  message: string;
}

/** Combinations of versions tried before a rule is given the benefit of the doubt. */
const MAX_COMBINATIONS = 4096;

export function checkRule(spec: KeySource, rule: RuleSpec, path: Path): RuleFinding[] {
  const keys = stackKeys(spec);
  const out: RuleFinding[] = [];
  for (const c of rule.when) {
    const domain = keys.get(c.key);
    if (!domain) {
      out.push({ level: 'error', path: [...path, 'when'], key: c.key, message: unknownKey(spec, keys, c.key) });
      continue;
    }
    if (c.ref !== undefined) {
      if (!keys.has(c.ref)) out.push({ level: 'error', path: [...path, 'when', c.key], message: unknownKey(spec, keys, c.ref) });
      continue;
    }
    if (c.op !== 'eq' && c.op !== 'ne' && c.op !== 'in') continue;
    const values = c.op === 'in' ? (c.value as readonly Value[]) : [c.value as Value];
    for (const v of values) {
      const wrong = unknownValue(spec, c.key, domain, v);
      if (wrong) out.push({ level: 'error', path: [...path, 'when', c.key], message: wrong });
    }
  }
  if (rule.scaleBy !== undefined) {
    const domain = keys.get(rule.scaleBy);
    if (!domain) out.push({ level: 'error', path: [...path, 'scaleBy'], message: unknownKey(spec, keys, rule.scaleBy) });
    else if (domain.values && !domain.values.some((v) => typeof v === 'number')) {
      out.push({ level: 'error', path: [...path, 'scaleBy'], message: `scaleBy needs a number from 0 to 1, and ${rule.scaleBy} holds a ${domain.noun} (${domain.values.map(String).join(', ')})` });
    }
  }
  if (out.length === 0 && !canMatch(spec, keys, rule.when)) {
    out.push({
      level: 'warning',
      path: [...path, 'when'],
      message: `rule '${rule.id}' can never match: no release or reachable combination of versions and states satisfies ${describeConditions(rule.when)} together`,
    });
  }
  return out;
}

/** A reference to a stack key outside a rule (a traffic parameter, a format's attribute). */
export function unknownStackKey(spec: KeySource, key: string): string | undefined {
  const keys = stackKeys(spec);
  return keys.has(key) ? undefined : unknownKey(spec, keys, key);
}

function unknownKey(spec: KeySource, keys: Map<string, KeyDomain>, key: string): string {
  const dot = key.indexOf('.');
  const head = dot < 0 ? key : key.slice(0, dot);
  const c = spec.components.find((x) => x.id === head);
  if (c && dot > 0 && !c.database) {
    const attrs = [...attributesOf(spec, c).keys()];
    return `${unknownName(`attribute of ${c.id}`, key.slice(dot + 1), attrs)}: no version of ${c.id} brings it`;
  }
  if (head === 'flags') return `${unknownName('flag', key, Object.keys(spec.settings).filter((k) => k.startsWith('flags.')))}: declare it under settings`;
  return unknownName('stack key', key, keys.keys());
}

function unknownValue(spec: KeySource, key: string, domain: KeyDomain, v: Value): string | undefined {
  if (!domain.values || domain.values.some((x) => valuesEqual(x, v))) return undefined;
  const model = spec.components.find((c) => c.id === key && c.kind === 'model');
  const registry = model && spec.registries.find((r) => r.id === model.registry);
  if (registry && Object.hasOwn(registry.aliases, String(v))) {
    return `'${String(v)}' is an alias: ${key} holds the dated version it resolves to; compare ${key}.ref to match the alias`;
  }
  return unknownName(domain.noun, String(v), domain.values.map(String));
}

function describeConditions(when: readonly Condition[]): string {
  const ops: Record<Condition['op'], string> = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', in: 'in' };
  return when
    .map((c) => `${c.key} ${ops[c.op]} ${c.ref !== undefined ? `$${c.ref}` : Array.isArray(c.value) ? `[${c.value.join(', ')}]` : String(c.value)}`)
    .join(', ');
}

/**
 * Whether some reachable stack satisfies every condition: each component at any of its
 * versions (any component can be deployed alone), a model's alias at any dated version (the
 * provider moves it), and every other key (settings, routes, database states) at any value it
 * takes. Only the components the rule names are combined.
 */
function canMatch(spec: KeySource, keys: Map<string, KeyDomain>, when: readonly Condition[]): boolean {
  const free = freeKeys(spec, keys);
  const named = new Set<ComponentSpec>();
  for (const c of when) {
    for (const key of [c.key, ...(c.ref !== undefined ? [c.ref] : [])]) {
      if (free.has(key)) continue;
      const head = spec.components.find((x) => x.id === key || key.startsWith(`${x.id}.`));
      if (head) named.add(head);
    }
  }
  for (const c of when) {
    if (!free.has(c.key) || c.ref !== undefined) continue;
    const values = keys.get(c.key)?.values;
    if (values && !values.some((v) => conditionHolds(c, { [c.key]: v }))) return false;
  }
  const bound = when.filter((c) => !free.has(c.key) && (c.ref === undefined || !free.has(c.ref)));
  if (bound.length === 0) return true;
  const choices = [...named].map((c) => fragments(spec, c));
  if (choices.reduce((n, f) => n * f.length, 1) > MAX_COMBINATIONS) return true;
  const combine = (i: number, stack: Record<string, Value>): boolean => {
    if (i === choices.length) return bound.every((c) => conditionHolds(c, stack));
    return choices[i]!.some((f) => combine(i + 1, { ...stack, ...f }));
  };
  return combine(0, {});
}

/** Keys whose value does not come from a component's version: any value in their domain can occur. */
function freeKeys(spec: KeySource, keys: Map<string, KeyDomain>): Set<string> {
  const free = new Set<string>(settableKeys(spec));
  free.add('route');
  for (const key of keys.keys()) if (/\.(state|retired|dataset)$|\.tables\./.test(key)) free.add(key);
  return free;
}

/** What a component at each of its versions puts in the stack. */
function fragments(spec: KeySource, c: ComponentSpec): Record<string, Value>[] {
  if (c.kind !== 'model') return Object.entries(c.versions).map(([v, attrs]) => ({ [c.id]: v, ...prefixed(c.id, attrs) }));
  const registry = spec.registries.find((r) => r.id === c.registry);
  if (!registry) return [];
  const out: Record<string, Value>[] = [];
  for (const v of registry.versions) {
    out.push({ [c.id]: v.id, [`${c.id}.ref`]: v.id, ...prefixed(c.id, v.attrs) });
    // The provider can move any alias to any of its dated versions.
    for (const alias of Object.keys(registry.aliases)) out.push({ [c.id]: v.id, [`${c.id}.ref`]: alias, ...prefixed(c.id, v.attrs) });
  }
  return out;
}

function prefixed(id: string, attrs: Readonly<Record<string, Value>>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(attrs)) out[`${id}.${k}`] = v;
  return out;
}
