import type { Cause } from './cause.js';
import { formatClock } from './monitors.js';
import type { RuleSpec } from './spec.js';
import type { World } from './world.js';

/** Whether a rule is some component's transition: a consequence of a change, never a cause a rollback removes. */
export function isTransition(world: World, rule: RuleSpec): boolean {
  return world.spec.components.some((c) => c.transition?.rule === rule);
}

/**
 * Some components cannot change under load without disturbing the work in flight: a connection
 * pool resized drops the connections it holds, a load balancer re-pointed resets the ones it
 * routes. Such a component declares its transition: an effect (requests failing, capacity
 * lost), and how long it lasts at the system's nominal load. Under more load (retries, a queue)
 * more work is in flight and it lasts longer, in proportion; with less, shorter.
 *
 * Only a change made in place has a transition. A prepared switch (an `atomic` group, a release
 * rollback) brings the new configuration up beside the old and moves new work to it, letting the
 * work in flight finish where it started: nothing is dropped.
 */
export function disturb(world: World, componentId: string, cause: Cause): void {
  const transition = world.component(componentId).spec.transition;
  if (!transition) return;
  const inFlight = world.metrics.get('all', 'requests').value(1) + world.metrics.get('all', 'queue').value(1);
  const load = Number.isFinite(inFlight) ? inFlight / world.spec.traffic.rps : 1;
  const forMs = Math.round(transition.forMs * load);
  if (forMs <= 0) return;
  const untilMs = world.now + forMs;
  // A second change while the first still settles extends the same transition.
  const open = world.temporaryRules.find((t) => t.rule.id === transition.rule.id && t.untilMs > world.now);
  if (open) open.untilMs = Math.max(open.untilMs, untilMs);
  else world.temporaryRules.push({ rule: transition.rule, fromMs: world.now, untilMs, rampMs: 0 });
  world.note('unstable', `${componentId} changed in place at ${Math.round(load * 100)}% of nominal load: ${transition.rule.explain} for ${formatClock(forMs)}`);
  world.rulesChanged(cause);
  world.kernel.at(untilMs, () => world.rulesChanged(cause));
}
