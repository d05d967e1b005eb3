import { runAgentAction } from './agents.js';
import { ANNOUNCED, FAULT, logKindOf, type Cause } from './cause.js';
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

/**
 * Whether a change goes through the team's own release system, which announces it to whoever
 * watches it: a deploy, a canary, a version or setting pushed, a traffic switch. The rest
 * happen outside it and show only in what they do: a provider moving an alias or retiring a
 * version, an agent's command (its own audit line aside), a surge of traffic, a rule of the
 * world turning on (drift, an attack, a slowdown).
 */
export function isAnnounced(f: FaultAction): boolean {
  switch (f.type) {
    case 'deploy':
    case 'canary':
    case 'set-version':
    case 'set':
    case 'switch':
      return true;
    case 'move-alias':
    case 'retire':
    case 'agent':
    case 'traffic':
    case 'rule':
      return false;
  }
}

/**
 * Applies a fault: a timed mutation of the world written as data. What it sets off is logged
 * as a change the team sees when the release system announces it, as a fault otherwise; the
 * facilitator's inject itself is logged as one, for the debrief.
 */
export function applyFault(world: World, f: FaultAction, kind: 'fault' | 'inject' = 'fault'): void {
  const cause = isAnnounced(f) ? ANNOUNCED : FAULT;
  const line = kind === 'inject' ? 'inject' : logKindOf(cause);
  if ((f.type === 'deploy' || f.type === 'canary' || f.type === 'switch') && world.frozen) {
    world.note(line, `${describeFault(f)}: blocked by the change freeze`);
    return;
  }
  world.note(line, describeFault(f));
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
      runCanary(world, f.release, f.stages, cause);
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
function runCanary(world: World, releaseId: string, stages: { weight: number; holdMs: number }[], cause: Cause): void {
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
      world.note(logKindOf(cause), `canary of ${releaseId} promoted to every user`);
      promote(world, route.overrides, cause);
      world.releaseHistory.push(releaseId);
      setWeight(world, route.name, 0, cause);
      return;
    }
    const s = stages[i]!;
    setWeight(world, route.name, s.weight, cause);
    world.note(logKindOf(cause), `canary of ${releaseId} at ${Math.round(s.weight * 100)}%`);
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
