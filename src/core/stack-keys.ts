import { settableKeys } from './settable.js';
import type { ComponentSpec, ScenarioSpec, Value } from './spec.js';

/**
 * Every key a stack can hold in a scenario, and the values it can take, read from the spec:
 * what the world puts in a stack (see World.putVersion and the database keys), so that a rule
 * naming a key, a version or a value that never occurs is caught before a drill, not left to
 * match nothing.
 */

/** The values a key takes: a closed list, or (without one) open: a setting a command sets, a share. */
export interface KeyDomain {
  values?: readonly Value[];
  /** What the values are, for messages: `version of payment-api`. */
  noun: string;
}

export const DATABASE_STATES: readonly string[] = ['up', 'deleting', 'deleted', 'restoring'];
export const TABLE_STATES: readonly string[] = ['present', 'dropped'];

export type KeySource = Pick<ScenarioSpec, 'components' | 'registries' | 'settings' | 'traffic'>;

/** The dated versions of a model, with their attributes. */
function registryOf(spec: KeySource, c: ComponentSpec): ScenarioSpec['registries'][number] | undefined {
  return spec.registries.find((r) => r.id === c.registry);
}

/** Attribute values the versions of a component bring: attribute -> values. */
export function attributesOf(spec: KeySource, c: ComponentSpec): Map<string, Value[]> {
  const out = new Map<string, Value[]>();
  const add = (attrs: Readonly<Record<string, Value>>): void => {
    for (const [k, v] of Object.entries(attrs)) {
      const list = out.get(k) ?? [];
      if (!list.some((x) => x === v)) list.push(v);
      out.set(k, list);
    }
  };
  if (c.kind === 'model') {
    for (const v of registryOf(spec, c)?.versions ?? []) add(v.attrs);
    // Retraining brings the dataset a version was trained on (see the retrain verb).
    for (const d of spec.components) if (d.kind === 'dataset') for (const v of Object.keys(d.versions)) add({ dataset: v });
  } else {
    for (const attrs of Object.values(c.versions)) add(attrs);
  }
  return out;
}

/** Formats rows of a table can be stored in: its initial one, and each its writer's versions name. */
function tableFormats(spec: KeySource, format: { initial: string; writer: string; attr: string }): string[] {
  const writer = spec.components.find((c) => c.id === format.writer);
  const named = writer ? (attributesOf(spec, writer).get(format.attr) ?? []).map(String) : [];
  return [...new Set([format.initial, ...named])];
}

/** Every key a stack can hold, with its values. */
export function stackKeys(spec: KeySource): Map<string, KeyDomain> {
  const keys = new Map<string, KeyDomain>();
  keys.set('route', { values: spec.traffic.routes.map((r) => r.name), noun: 'route' });
  const settable = new Set(settableKeys(spec));
  for (const c of spec.components) {
    if (c.kind === 'model') {
      const registry = registryOf(spec, c);
      const dated = registry?.versions.map((v) => v.id) ?? [];
      keys.set(c.id, { values: dated, noun: `dated version of ${c.id} (the stack holds what its alias resolves to; ${c.id}.ref holds the alias)` });
      keys.set(`${c.id}.ref`, { values: [...Object.keys(registry?.aliases ?? {}), ...dated], noun: `alias or version of ${c.id}` });
      keys.set(`${c.id}.retired`, { values: [true, false], noun: 'true or false' });
    } else {
      keys.set(c.id, { values: Object.keys(c.versions), noun: c.kind === 'database' ? `schema version of ${c.id}` : `version of ${c.id}` });
    }
    for (const [attr, values] of attributesOf(spec, c)) {
      const key = `${c.id}.${attr}`;
      // A config's attributes are settings too: `set` may give them any value.
      keys.set(key, settable.has(key) ? { noun: `value of ${key}` } : { values, noun: `value of ${key} that a version of ${c.id} brings` });
    }
    if (c.database) {
      keys.set(`${c.id}.state`, { values: DATABASE_STATES, noun: `state of ${c.id}` });
      for (const t of c.database.tables) {
        keys.set(`${c.id}.tables.${t.name}`, { values: TABLE_STATES, noun: `state of table ${t.name}` });
        if (t.format) for (const f of tableFormats(spec, t.format)) keys.set(`${c.id}.tables.${t.name}.format.${f}`, { noun: 'share of rows, 0 to 1' });
      }
    }
  }
  for (const key of Object.keys(spec.settings)) keys.set(key, { noun: `value of setting ${key}` });
  return keys;
}
