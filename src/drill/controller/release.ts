import type { ControllerContext, Flow } from './context.js';

/**
 * Waits, a second at a time, for a new revision on the canary route (the scenario's release
 * going out as a canary puts its versions there): a rollout controller acts on a change of the
 * pod template, and this is that change. Returns what changed, for the log.
 */
export function* awaitRelease(ctx: ControllerContext): Generator<void, string, void> {
  const route = ctx.session.drill.world.routes.find((r) => r.name === 'canary');
  const initial = JSON.stringify(route?.overrides ?? {});
  while (!route || JSON.stringify(route.overrides) === initial || Object.keys(route.overrides).length === 0) yield;
  return Object.entries(route.overrides)
    .map(([id, v]) => `${id} ${v}`)
    .join(', ');
}

export type { Flow };
