import { argAt, type Command } from '../commands.js';
import type { InFlight } from '../in-flight.js';
import type { World } from '../world.js';
import type { Verb } from './action.js';
import { kindsOf, type NameKind } from './declaration.js';
import { splitAt } from './kinds.js';

/** Argument kinds that name something an action changes: `abort payment-api` finds it by them. */
const TARGET_KINDS: ReadonlySet<NameKind> = new Set(['component', 'deployment', 'model', 'database', 'dataset', 'route', 'release', 'component-version']);

/** Why an action of this verb cannot be aborted, from its declaration; undefined when it can. */
export function declaredRefusal(verb: Verb): string | undefined {
  if (verb.abort && 'stops' in verb.abort) return undefined;
  if (verb.abort) return verb.abort.never;
  if (verb.leaves !== undefined) return 'it changes nothing: there is nothing to abort';
  return 'abort stops rollouts, switches, canary weights and settings while they are under way (help abort)';
}

/** How an action enters `world.inFlight`: what it changes, and whether it can be aborted. */
export function inFlightEntry(world: World, verb: Verb, cmd: Command): Pick<InFlight, 'targets' | 'refusal'> {
  const named = cmd.args.flatMap((word, i) => {
    const arg = argAt(verb, i);
    return arg && kindsOf(arg).some((k) => TARGET_KINDS.has(k as NameKind)) ? [splitAt(word)[0]] : [];
  });
  const targets = [...new Set([...named, ...(verb.targets?.(world, cmd) ?? [])])];
  return { targets, refusal: declaredRefusal(verb) };
}
