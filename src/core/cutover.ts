import type { Cause } from './cause.js';
import type { Route, World } from './world.js';

/**
 * Points a route at another environment of the serving deployment (blue/green). The switch is a
 * routing change, done at once; but a standby kept small ("running at low capacity", as the
 * sources keep the previous version) or cold scales up to the full replicas as the traffic
 * arrives: its pods start, each needing a free slot of the pool, and until they are ready the
 * few already running carry everything.
 */
export function cutover(world: World, route: Route, track: string, cause: Cause): void {
  route.track = track;
  world.changed(cause);
  const serving = world.spec.traffic.deployment;
  if (serving === undefined) return;
  const full = world.component(serving).spec.deployment!.replicas;
  const running = world.fleet.get(serving).replicas.get(track) ?? 0;
  if (running >= full) return;
  world.note('pods', `${serving}: ${track} scales up from ${running} to ${full} pods as traffic arrives`);
  world.fleet.scale(serving, track, full, cause);
}
