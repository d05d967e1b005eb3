import { runAgentAction } from './agents.js';
import { FAULT, type Cause } from './cause.js';
import { applyRelease, changeComponent } from './changes.js';
import { cutover } from './cutover.js';
import { formatClock } from './monitors.js';
import type { FaultAction } from './spec.js';
import type { World } from './world.js';

/** Describes a fault in a line for the timeline. */
export function describeFault(f: FaultAction): string {
  switch (f.type) {
    case 'deploy':
      return `release ${f.release} deployed`;
    case 'set-version':
      return `${f.component} changed to ${f.version}`;
    case 'set':
      return `${f.key} set to ${String(f.value)}`;
    case 'move-alias':
      return `provider moved ${f.registry} alias '${f.alias}' to ${f.to}`;
    case 'retire':
      return `provider retires ${f.registry} ${f.version}`;
    case 'agent':
      return `agent ${f.agent} acts`;
    case 'traffic':
      return `traffic x${f.factor} for ${formatClock(f.forMs)}`;
    case 'rule':
      return f.rule.explain;
    case 'canary':
      return `canary of ${f.release}: ${f.stages.map((s) => `${Math.round(s.weight * 100)}%`).join(' -> ')}`;
    case 'switch':
      return `route ${f.route} switched to ${f.track}`;
  }
}

/** Applies a fault: a timed mutation of the world written as data. */
export function applyFault(world: World, f: FaultAction, kind: 'fault' | 'inject' = 'fault'): void {
  const cause = FAULT;
  if ((f.type === 'deploy' || f.type === 'canary' || f.type === 'switch') && world.frozen) {
    world.note(kind, `${describeFault(f)}: blocked by the change freeze`);
    return;
  }
  world.note(kind, describeFault(f));
  const quiet = { done: () => {}, fail: (reason: string) => world.note('note', reason) };
  switch (f.type) {
    case 'deploy':
      world.releaseHistory.push(f.release);
      applyRelease(world, f.release, f.maxUnavailable !== undefined ? { maxUnavailable: f.maxUnavailable } : {}, cause, quiet);
      return;
    case 'set-version':
      changeComponent(world, f.component, f.version, {}, cause, quiet);
      return;
    case 'set':
      world.settings.set(f.key, f.value);
      world.changed(cause);
      return;
    case 'move-alias':
      world.registries.get(f.registry)!.moveAlias(f.alias, f.to);
      world.changed(cause);
      return;
    case 'retire':
      world.registries.get(f.registry)!.retire(f.version, world.now);
      world.changed(cause);
      return;
    case 'agent':
      runAgentAction(world, f.agent, f.action);
      return;
    case 'traffic':
      world.trafficFactors.push({ factor: f.factor, untilMs: world.now + f.forMs });
      return;
    case 'rule':
      world.temporaryRules.push({ rule: f.rule, fromMs: world.now, untilMs: world.now + (f.forMs ?? Infinity), rampMs: f.rampMs ?? 0 });
      world.rulesChanged(cause);
      if (f.forMs !== undefined) world.kernel.after(f.forMs, () => world.rulesChanged(cause));
      return;
    case 'canary':
      runCanary(world, f.release, f.stages);
      return;
    case 'switch': {
      cutover(world, world.routes.find((r) => r.name === f.route)!, f.track, cause);
      return;
    }
  }
}

/**
 * A progressive release: a `canary` route runs the release's versions for a growing share of
 * user buckets, holding at each stage, then the release is promoted. Aborting (setting the
 * canary weight to 0) stops it.
 */
function runCanary(world: World, releaseId: string, stages: { weight: number; holdMs: number }[]): void {
  const route = world.routes.find((r) => r.name === 'canary');
  if (!route) {
    world.note('note', `canary of ${releaseId} needs a route named 'canary'`);
    return;
  }
  const release = world.release(releaseId);
  route.overrides = Object.fromEntries(Object.entries(release.versions).filter(([id, v]) => world.versionOf(id) !== v));
  route.steered = false;
  let aborted = false;
  const stage = (i: number): void => {
    if (aborted) return;
    if (i === stages.length) {
      world.note('fault', `canary of ${releaseId} promoted to every user`);
      promote(world, route.overrides, FAULT);
      world.releaseHistory.push(releaseId);
      setWeight(world, route.name, 0);
      return;
    }
    const s = stages[i]!;
    setWeight(world, route.name, s.weight);
    world.note('fault', `canary of ${releaseId} at ${Math.round(s.weight * 100)}%`);
    world.kernel.after(s.holdMs, () => {
      if (route.weight === 0 || world.frozen) {
        aborted = true;
        world.note('note', `canary of ${releaseId} stopped at ${Math.round(s.weight * 100)}%`);
        return;
      }
      if (route.steered) {
        aborted = true;
        world.note('note', `canary of ${releaseId}: its schedule stops, the canary's weight is set by hand`);
        return;
      }
      stage(i + 1);
    });
  };
  stage(0);
}

/**
 * Gives everyone a canary's versions: pointers flip at once (the canary already ran them),
 * a deployment rolls out its pods and a database migrates, as any change of theirs does.
 */
export function promote(world: World, versions: Readonly<Record<string, string>>, cause: Cause): void {
  const quiet = { done: () => {}, fail: (reason: string) => world.note('note', reason) };
  for (const [id, v] of Object.entries(versions)) {
    const kind = world.component(id).spec.kind;
    if (kind === 'deployment' || kind === 'database') changeComponent(world, id, v, {}, cause, quiet);
    else world.setVersion(id, v, cause);
  }
}

/** Gives a route a share of users; the first route takes what the others leave. */
export function setWeight(world: World, routeName: string, weight: number, cause: Cause = FAULT): void {
  const route = world.routes.find((r) => r.name === routeName)!;
  route.weight = weight;
  const first = world.routes[0]!;
  if (route !== first) first.weight = Math.max(0, 1 - world.routes.slice(1).reduce((s, r) => s + r.weight, 0));
  world.changed(cause);
}
