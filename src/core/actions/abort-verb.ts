import type { Command } from '../commands.js';
import { abortable, abortRefusal, inFlightNow, label, named, type InFlight } from '../in-flight.js';
import { formatClock } from '../monitors.js';
import type { World } from '../world.js';
import type { Verb } from './action.js';

/**
 * `abort`: stops an action in flight, as `kubectl argo rollouts abort` stops a rollout. What it
 * was waiting to do never happens; what it had already changed goes back to what was stable
 * before it began (each verb says what, and whether it can be stopped at all, in its declaration
 * and its `onAbort`).
 */

/** The one action `abort` would stop for this command, or why there is none. */
function chosen(world: World, cmd: Command): InFlight | string {
  const word = cmd.args[0];
  if (word !== undefined) {
    const refused = abortRefusal(world, word);
    if (refused !== undefined) return refused;
    // Several actions changing one thing: the newest is the one the team means.
    return named(world, word).filter((e) => e.refusal === undefined).at(-1) ?? `nothing in flight is changing ${word}${inFlightNow(world)}`;
  }
  const all = abortable(world);
  if (all.length === 1) return all[0]!;
  if (all.length > 1) return `${all.length} actions in flight can be aborted: ${all.map(label).join(', ')}; name one (abort #${all.at(-1)!.record.id})`;
  return `nothing in flight can be aborted${inFlightNow(world)}${canaryNote(world)}`;
}

/** A progressive release the system runs itself is no action of the team's: `canary abort` stops it. */
function canaryNote(world: World): string {
  const canary = world.routes.find((r) => r.name === 'canary');
  return canary && canary.weight > 0 ? `; the canary route's release is the system's own, not an action: canary abort sends its users back to stable` : '';
}

export const abort: Verb = {
  name: 'abort',
  summary: 'stop an action in flight: a rollout stops where it is, its pods and traffic go back to the version that was stable before it began; a switch, a canary weight or a setting not yet applied never is',
  args: [
    {
      name: 'ACTION',
      kind: 'action',
      optional: true,
      about: 'the action: its number as the screen lists it (#3), or a component, route or release it is changing; by default the one action in flight that can be aborted',
    },
  ],
  options: [],
  abort: { never: 'it is an abort itself: to go forward again, deploy' },
  check(world, cmd) {
    const target = chosen(world, cmd);
    return typeof target === 'string' ? target : undefined;
  },
  picks(world, cmd) {
    if (cmd.args[0] !== undefined) return undefined;
    const target = chosen(world, cmd);
    return typeof target === 'string' ? undefined : label(target);
  },
  picksNow(world) {
    const all = abortable(world);
    if (all.length === 0) return [`nothing in flight can be aborted${inFlightNow(world)}`];
    return all.map((e) => `abort #${e.record.id}: ${e.record.text} (${e.record.by}, running ${formatClock(world.now - e.record.startMs)})`);
  },
  start(ctx) {
    const { world, record } = ctx;
    const target = chosen(world, ctx.cmd) as InFlight;
    const id = target.record.id;
    const what = label(target);
    ctx.wait(5_000, () => {
      const entry = world.inFlight.get(id);
      if (!entry) return ctx.fail(`${what} ended (${target.record.status}) before the abort reached it`);
      entry.stop(`by ${record.by} (${record.text} at ${formatClock(record.startMs)})`);
      if (!entry.undo) return ctx.done(`${what} stopped before it changed anything`);
      entry.undo(ctx.cause, {
        done: (note) => ctx.done(`${what} aborted${note ? `: ${note}` : ''}`),
        fail: (reason) => ctx.fail(`${what} aborted, but ${reason}`),
      });
    });
  },
};
