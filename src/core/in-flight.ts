import type { ActionRecord } from './actions/action.js';
import type { World } from './world.js';
import type { Cause } from './cause.js';
import type { Outcome } from './changes.js';

/**
 * Puts back what an aborted action had already changed (pods rolled out, pointers switched),
 * tagged with the abort's cause, and says through `out` when that is done.
 */
export type Undo = (cause: Cause, out: Outcome) => void;

/** An action under way, as `abort` finds it: by its number, or by a name of what it changes. */
export interface InFlight {
  record: ActionRecord;
  /** Names of what it changes (components, routes, a release): `abort payment-api` finds it by them. */
  targets: readonly string[];
  /** Why it cannot be aborted (`a migration is never stopped halfway: ...`); undefined when it can. */
  refusal: string | undefined;
  /** What an abort puts back; absent when nothing changes until the action ends (it is simply called off). */
  undo?: Undo;
  /** Marks it aborted: it reports nothing more, and what it was waiting to do never happens. */
  stop(reason: string): void;
}

/** The actions in flight `word` names: `#3` or `3` by number, else every one changing something of that name. */
export function named(world: World, word: string): InFlight[] {
  const n = /^#?(\d+)$/.exec(word);
  if (n) {
    const one = world.inFlight.get(Number(n[1]));
    return one ? [one] : [];
  }
  return [...world.inFlight.values()].filter((e) => e.targets.includes(word));
}

/** Actions in flight that `abort` can stop, oldest first. */
export function abortable(world: World): InFlight[] {
  return [...world.inFlight.values()].filter((e) => e.refusal === undefined);
}

/** `#3 rollback payment-api`: an action as the play screen lists it. */
export function label(e: InFlight): string {
  return `#${e.record.id} ${e.record.text}`;
}

/** The words that name abortable actions now: each one's number, and what it changes. */
export function abortNames(world: World): string[] {
  return [...new Set(abortable(world).flatMap((e) => [`#${e.record.id}`, ...e.targets]))];
}

/**
 * Why `word` names no action `abort` can stop, or undefined when it names one: a number not in
 * flight, or an action that cannot be aborted (with its reason).
 */
export function abortRefusal(world: World, word: string): string | undefined {
  const found = named(world, word);
  if (found.some((e) => e.refusal === undefined)) return undefined;
  const stuck = found[0];
  if (stuck) return `${label(stuck)} cannot be aborted: ${stuck.refusal}`;
  if (/^#?\d+$/.test(word)) return `no action #${word.replace('#', '')} is in flight${inFlightNow(world)}`;
  return undefined;
}

/** `; in flight now: #3 rollback payment-api, #5 canary 50`, or nothing when none is. */
export function inFlightNow(world: World): string {
  const all = [...world.inFlight.values()];
  return all.length === 0 ? '' : `; in flight now: ${all.map(label).join(', ')}`;
}
