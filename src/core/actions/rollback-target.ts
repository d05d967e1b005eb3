import { lineage, type World } from '../world.js';

/**
 * Where a rollback goes when the command names no version or release: one release further
 * back, the one the current one replaced when it first ran. Walking that chain only ever goes
 * back in the order things were first rolled out, so a second `rollback` never returns to the
 * version the first one left (the bad one), and never stays where it is.
 */

/** The version of a component its current one replaced when it first ran; undefined for the first it ran. */
export function previousVersion(world: World, id: string): string | undefined {
  return world.component(id).replaced.get(world.versionOf(id));
}

/** The release live now: the one whose versions run everywhere, else the last deployed. */
export function liveRelease(world: World): string | undefined {
  return world.currentRelease() ?? world.releaseHistory.at(-1);
}

/** The release the live one replaced when it was first deployed; undefined for the first. */
export function previousRelease(world: World): string | undefined {
  const current = liveRelease(world);
  return current === undefined ? undefined : lineage(world.releaseHistory).get(current);
}

/** `2.14, then 2.15`: names in the order they first ran. */
function inOrder(names: Iterable<string>): string {
  return [...names].join(', then ');
}

/** Why `rollback COMPONENT` without a version is refused: it has run nothing before its current version. */
export function noPreviousVersion(world: World, id: string): string {
  const current = world.versionOf(id);
  const ran = [...world.component(id).replaced.keys()];
  const later = ran.length > 1 ? `it has run ${inOrder(ran)}, and ${current} came first` : `${current} is the only version it has run`;
  return `no version of ${id} before ${current} to roll back to: ${later}; name the version to go to (rollback ${id} VERSION)`;
}

/** Why `rollback-release` without a release is refused. */
export function noPreviousRelease(world: World): string {
  const current = liveRelease(world);
  const ran = [...lineage(world.releaseHistory).keys()];
  const later = ran.length > 1 ? `this system has run ${inOrder(ran)}, and ${current} came first` : `${current} is the only release it has run`;
  return `no release before ${current} to roll back to: ${later}; name the release to go to (rollback-release RELEASE)`;
}

/** `to 2.14 (the version 2.15 replaced)`: what a rollback without a version will choose, in words. */
export function versionChoice(world: World, id: string): string {
  const to = previousVersion(world, id);
  return to === undefined ? `refused: ${noPreviousVersion(world, id)}` : `to ${to} (the version ${world.versionOf(id)} replaced)`;
}

/** `to r41 (the release r42 replaced)`. */
export function releaseChoice(world: World): string {
  const to = previousRelease(world);
  return to === undefined ? `nowhere: ${noPreviousRelease(world)}` : `to ${to} (the release ${liveRelease(world)} replaced)`;
}
