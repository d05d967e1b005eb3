import type { Route, World } from './world.js';

export interface RouteView {
  name: string;
  weightPct: number;
  track: string;
  /** What this route serves where routes differ (a canary's model, a green environment's code), in component order. */
  versions: { component: string; version: string }[];
}

/**
 * The routes as a rollout controller lists them: each one's share of users, and the version
 * of each component it serves where the routes do not all serve the same (`kubectl argo
 * rollouts get` shows the stable and the canary image). A model is named by the reference the
 * route uses, never by what a floating alias resolves to.
 */
export function routeViews(world: World): RouteView[] {
  const serves = world.routes.map((r) => servedVersions(world, r));
  const differing = [...world.components.keys()].filter((id) => new Set(serves.map((s) => s.get(id))).size > 1);
  return world.routes.map((r, i) => ({
    name: r.name,
    weightPct: Math.round(r.weight * 1000) / 10,
    track: r.track,
    versions: differing.map((component) => ({ component, version: serves[i]!.get(component) ?? 'none' })),
  }));
}

/**
 * What each component is on one route, as the route's stacks see it: a pointer at the route's
 * own version if it has one, the serving deployment at the versions of the pods on the route's
 * track. A database is shared by every route.
 */
function servedVersions(world: World, route: Route): Map<string, string> {
  const out = new Map<string, string>();
  const serving = world.spec.traffic.deployment;
  for (const c of world.components.values()) {
    const id = c.spec.id;
    if (c.spec.kind === 'database') continue;
    if (id === serving) {
      const versions = [...world.fleet.versionCounts(id, route.track).keys()];
      out.set(id, versions.length > 0 ? versions.join('+') : 'none');
    } else if (c.spec.kind !== 'deployment' && route.overrides[id] !== undefined) {
      out.set(id, route.overrides[id]!);
    } else {
      out.set(id, world.versionOf(id));
    }
  }
  return out;
}
