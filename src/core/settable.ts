import { unknownName } from './names.js';
import type { ScenarioSpec } from './spec.js';

/** How each kind of component changes version: never by `set`. */
const MOVES_BY: Record<string, string> = {
  deployment: 'a rollout of its pods (deploy, rollback, rollback-release)',
  database: 'its migrations (migrate, rollback-release)',
  model: 'a registry transition (rollback, pin)',
  config: 'a push (rollback, deploy, atomic)',
  pipeline: 'a revert (rollback, deploy)',
  dataset: 'a switch (rollback, deploy)',
};

/**
 * Stack keys a command (or a fault) may set: the scenario's settings and flags, and the
 * attributes of its config components. A version, and any attribute that a version of another
 * kind brings, changes only with that version, through its own mechanism, so what the rules
 * see is always something a pod, a pointer or a schema runs.
 */
export function settableKeys(spec: Pick<ScenarioSpec, 'components' | 'settings'>): string[] {
  const keys = new Set(Object.keys(spec.settings));
  for (const c of spec.components) {
    if (c.kind !== 'config') continue;
    for (const attrs of Object.values(c.versions)) for (const attr of Object.keys(attrs)) keys.add(`${c.id}.${attr}`);
  }
  return [...keys];
}

/** Why `key` cannot be set, naming the mechanism that moves it where there is one; undefined when it can. */
export function unsettable(spec: Pick<ScenarioSpec, 'components' | 'settings'>, key: string): string | undefined {
  const keys = settableKeys(spec);
  if (keys.includes(key)) return undefined;
  const c = spec.components.find((x) => x.id === key || key.startsWith(`${x.id}.`));
  if (c?.id === key) return `${key} is the version of a ${c.kind}: it moves only by ${MOVES_BY[c.kind]}, never by set`;
  if (c) return `${key} comes with the version of ${c.id} (a ${c.kind}): it changes only when that version does, by ${MOVES_BY[c.kind]}`;
  return `${unknownName('setting', key, keys)}; settings are declared under \`settings\` or are attributes of config components`;
}
