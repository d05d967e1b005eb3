import { logKindOf, type Cause } from './cause.js';
import { migrationPath } from './data.js';
import { formatClock } from './monitors.js';
import { disturb } from './transitions.js';
import type { Rollout } from './pods.js';
import { isHarmful, type Stack } from './rules.js';
import type { World } from './world.js';

/** How a change in progress reports back. */
export interface Outcome {
  done(note?: string): void;
  /** `supersededBy`: the change was replaced by a newer one before it finished (a rollout of the same track), made by that cause. */
  fail(reason: string, supersededBy?: Cause): void;
  /**
   * False once whoever waits for the change has stopped waiting (the action was aborted): what
   * has not happened yet (a pointer switch, the next phase of a release) then never does.
   */
  live?(): boolean;
}

export interface RolloutOptions {
  recreate?: boolean;
  maxSurge?: number;
  maxUnavailable?: number;
  track?: string;
}

/** A rollout that makes no progress for this long is reported as stalled (Kubernetes' progress deadline). */
export const PROGRESS_DEADLINE_MS = 600_000;

export function jittered(world: World, baseMs: number): number {
  return Math.round(baseMs * world.streams.get('durations').jitter(0.15));
}

/** Changes one component to a version, the way its kind changes: rollout, migration or switch. */
export function changeComponent(world: World, id: string, version: string, opts: RolloutOptions, cause: Cause, out: Outcome): void {
  const c = world.component(id);
  if (c.spec.kind === 'deployment') return rollout(world, id, version, opts, cause, out);
  if (c.spec.kind === 'database') return migrate(world, id, version, cause, out);
  world.kernel.after(jittered(world, c.spec.changeMs), () => {
    if (out.live?.() === false) return;
    const changed = world.versionOf(id) !== version;
    world.setVersion(id, version, cause);
    // An operator's change reports back through its action; anything else says when it took effect.
    if (changed && cause.kind !== 'action') world.note(logKindOf(cause), `${id} -> ${version} (pointer switch)`);
    // In place, under live traffic: a component with a transition disturbs the work in flight.
    if (changed) disturb(world, id, cause);
    out.done(`${id} now at ${version}`);
  });
}

export function migrate(world: World, id: string, to: string, cause: Cause, out: Outcome): void {
  const db = world.databases.get(id)!;
  const path = migrationPath(db.spec, db.schema, to);
  if ('error' in path) return out.fail(path.error);
  const step = (i: number): void => {
    if (i === path.steps.length) return out.done(`schema of ${id} at ${to}`);
    const { migration, down } = path.steps[i]!;
    world.kernel.after(jittered(world, down ? migration.downMs : migration.upMs), () => {
      if (db.state !== 'up') return out.fail(`database ${id} is ${db.state}: migration stopped at schema ${db.schema}`);
      world.setVersion(id, down ? migration.from : migration.to, cause);
      world.note('data', `${id}: schema ${down ? migration.to : migration.from} -> ${db.schema}`);
      step(i + 1);
    });
  };
  step(0);
}

export function rollout(world: World, id: string, version: string, opts: RolloutOptions, cause: Cause, out: Outcome): void {
  const c = world.component(id);
  const spec = c.spec.deployment!;
  const track = opts.track ?? 'main';
  const recreate = opts.recreate ?? false;
  world.note('pods', `${id}: ${recreate ? 'recreate' : 'rolling update'} of ${track} to ${version} (${describeRollout(world, id, opts)})`);
  if (track === 'main') world.setVersion(id, version, cause);
  const r = world.fleet.rollout(
    id,
    track,
    { version, recreate, maxSurge: opts.maxSurge ?? spec.maxSurge, maxUnavailable: opts.maxUnavailable ?? spec.maxUnavailable },
    cause,
  );
  follow(world, r, `${id} rolled out to ${version}`, out);
}

/**
 * Aborts the rollout of a deployment's track (see Fleet.abortRollout): the track goes back to
 * `stable`, its pods that serve nothing at once, its ready ones as stable pods come up. Reports
 * through `out` when every pod of the track runs `stable` again.
 */
export function abortRollout(world: World, id: string, track: string, stable: string, cause: Cause, out: Outcome): void {
  const from = world.fleet.get(id).rollouts.get(track)?.version ?? world.versionOf(id);
  if (track === 'main') world.setVersion(id, stable, cause);
  const { rollout: r, removed } = world.fleet.abortRollout(id, track, stable, cause);
  const gone = removed > 0 ? `${removed} of its pods not ready removed at once, ` : '';
  world.note('pods', `${id}: rollout of ${track} to ${from} aborted: ${gone}back to ${stable}, ready pods replaced as pods of ${stable} come up`);
  follow(world, r, `${id} back on ${stable}`, out);
}

/** Reports a rollout's end through `out`: every pod of its track at the version, superseded, or stalled past the progress deadline. */
function follow(world: World, r: Rollout, doneText: string, out: Outcome): void {
  const { deployment: id, track, version } = r;
  let settled = false;
  const end = (converged: boolean, supersededBy?: Cause): void => {
    if (settled) return;
    settled = true;
    if (converged) {
      world.note('pods', `${id}: all ${world.fleet.get(id).replicas.get(track)} pods of ${track} ready at ${version}`);
      out.done(doneText);
    } else {
      out.fail(`rollout of ${id} to ${version} was superseded by a newer rollout`, supersededBy);
    }
  };
  // Every pod already at the version: the rollout ended as it began, before anyone listened.
  if (r.done) end(true);
  else r.onEnd.push(end);
  const checkProgress = (): void => {
    if (settled || r.done) return;
    const idleMs = world.now - r.progressMs;
    if (idleMs < PROGRESS_DEADLINE_MS) return world.kernel.after(PROGRESS_DEADLINE_MS - idleMs, checkProgress);
    settled = true;
    out.fail(`rollout of ${id} to ${version} stalled: no progress for ${formatClock(PROGRESS_DEADLINE_MS)}: ${podTrouble(world, id)}`);
  };
  world.kernel.after(PROGRESS_DEADLINE_MS, checkProgress);
}

function describeRollout(world: World, id: string, opts: RolloutOptions): string {
  const spec = world.component(id).spec.deployment!;
  if (opts.recreate) return 'every old pod stops before new ones start';
  return `max surge ${opts.maxSurge ?? spec.maxSurge}, max unavailable ${opts.maxUnavailable ?? spec.maxUnavailable}`;
}

/** What is wrong with a deployment's pods, in the words `kubectl` would use. */
export function podTrouble(world: World, id: string): string {
  const d = world.fleet.get(id);
  const pool = world.fleet.pool(d);
  const parts: string[] = [];
  const byVersion = (phase: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const p of d.pods) if (p.phase === phase) m.set(p.version, (m.get(p.version) ?? 0) + 1);
    return m;
  };
  for (const [v, n] of byVersion('crashloop')) {
    const reason = d.pods.find((p) => p.phase === 'crashloop' && p.version === v)?.crashReason;
    parts.push(`${n} pods of ${v} in CrashLoopBackOff${reason ? ` (${reason})` : ''}`);
  }
  for (const [v, n] of byVersion('pending')) parts.push(`${n} pods of ${v} Pending: no free slot`);
  parts.push(`pool ${pool.id} ${pool.used}/${pool.slots} slots used`);
  return parts.join('; ');
}

export interface Phase {
  kind: 'migrate' | 'rollout' | 'switch';
  changes: Record<string, string>;
}

/** Where a change made as one unit stands: its phases in order, and the one under way (phases.length once over). */
export interface UnitProgress {
  phases: readonly Phase[];
  at: number;
}

/**
 * Orders the phases of a release change so that no intermediate state matches a harmful rule
 * that does not already match: data migrations, pod rollouts (old and new pods side by side),
 * and one atomic switch of everything that flips by pointer. Returns the first safe order, or
 * the canonical one with the rule it cannot avoid.
 */
export function planRelease(world: World, target: Readonly<Record<string, string>>): { phases: Phase[]; risk?: string } {
  const groups: Record<Phase['kind'], Record<string, string>> = { migrate: {}, rollout: {}, switch: {} };
  for (const [id, v] of Object.entries(target)) {
    // What runs, not what the component's record says: a stalled rollout has not moved a pod.
    if (world.runsOnly(id, v)) continue;
    const kind = world.component(id).spec.kind;
    groups[kind === 'database' ? 'migrate' : kind === 'deployment' ? 'rollout' : 'switch'][id] = v;
  }
  const phases = (['migrate', 'rollout', 'switch'] as const)
    .filter((k) => Object.keys(groups[k]).length > 0)
    .map((kind) => ({ kind, changes: groups[kind] }));
  const already = new Set(world.stacks.harmfulMatches().map((h) => h.rule.id));
  let firstRisk: string | undefined;
  for (const order of permutations(phases)) {
    const risk = orderRisk(world, order, already);
    if (risk === undefined) return { phases: order };
    firstRisk ??= risk;
  }
  return { phases, ...(firstRisk !== undefined ? { risk: firstRisk } : {}) };
}

function orderRisk(world: World, order: Phase[], already: Set<string>): string | undefined {
  const versions: Record<string, string> = {};
  for (const phase of order) {
    const before = { ...versions };
    Object.assign(versions, phase.changes);
    // During a rollout old and new pods serve side by side; during a migration each step's schema is live.
    const states: Record<string, string>[] = [versions];
    if (phase.kind === 'rollout') states.push(before);
    if (phase.kind === 'migrate') {
      for (const [db, to] of Object.entries(phase.changes)) {
        const path = migrationPath(world.databases.get(db)!.spec, world.versionOf(db), to);
        if ('steps' in path) for (const s of path.steps) states.push({ ...before, [db]: s.down ? s.migration.from : s.migration.to });
      }
    }
    for (const s of states) {
      const hit = harmfulIn(world, s, already);
      if (hit) return hit;
    }
  }
  return undefined;
}

function harmfulIn(world: World, versions: Record<string, string>, already: Set<string>): string | undefined {
  for (const live of world.stacks.liveStacks()) {
    const stack: Stack = world.stacks.stackWith(live.stack, versions);
    for (const m of world.stacks.effectOf(stack).matched) {
      if (!already.has(m.rule.id) && isHarmful(m.rule.effect, world.metricSpecs)) return m.rule.explain;
    }
  }
  return undefined;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([item, ...rest]);
  });
  return out;
}

/**
 * Moves the whole stack to a release as one unit: phases in a safe order, pointer switches
 * prepared in parallel and flipped at the same instant, so no mixed stack is ever served.
 */
export function applyRelease(world: World, releaseId: string, opts: RolloutOptions, cause: Cause, out: Outcome): UnitProgress {
  return applyTogether(world, world.release(releaseId).versions, `release ${releaseId}`, opts, cause, {
    done: (note) => {
      if (world.releaseHistory.at(-1) !== releaseId) world.releaseHistory.push(releaseId);
      out.done(note);
    },
    fail: out.fail,
    ...liveOf(out),
  });
}

/** `out`'s `live`, for an outcome that wraps it. */
function liveOf(out: Outcome): Pick<Outcome, 'live'> {
  return out.live ? { live: out.live } : {};
}

/**
 * Moves a set of components to their target versions as one unit (see applyRelease). Once `out`
 * is no longer live (the action was aborted), no further phase starts and no pending switch flips.
 */
export function applyTogether(world: World, target: Readonly<Record<string, string>>, label: string, opts: RolloutOptions, cause: Cause, out: Outcome): UnitProgress {
  const plan = planRelease(world, target);
  const progress: UnitProgress = { phases: plan.phases, at: 0 };
  if (plan.risk) world.note('note', `no order of the changes to ${label} avoids every unstable state: ${plan.risk}`);
  if (plan.phases.length === 0) {
    out.done(`already at ${label}`);
    return progress;
  }
  world.note(logKindOf(cause), `${label}: ${plan.phases.map((p) => `${p.kind} ${Object.keys(p.changes).join('+')}`).join(', then ')}`);
  const run = (i: number): void => {
    if (out.live?.() === false) return;
    progress.at = i;
    if (i === plan.phases.length) return out.done(`stack at ${label}`);
    runPhase(world, plan.phases[i]!, opts, cause, {
      done: () => run(i + 1),
      fail: (reason, supersededBy) => out.fail(`${label}: ${reason}`, supersededBy),
      ...liveOf(out),
    });
  };
  run(0);
  return progress;
}

function runPhase(world: World, phase: Phase, opts: RolloutOptions, cause: Cause, out: Outcome): void {
  const ids = Object.keys(phase.changes);
  if (phase.kind === 'switch') {
    // Prepare every pointer in parallel; flip them together when the slowest is ready.
    const prepareMs = Math.max(...ids.map((id) => jittered(world, world.component(id).spec.changeMs)));
    world.kernel.after(prepareMs, () => {
      if (out.live?.() === false) return;
      for (const id of ids) world.setVersion(id, phase.changes[id]!, cause);
      world.note(logKindOf(cause), `${ids.map((id) => `${id} -> ${phase.changes[id]}`).join(', ')} (pointer switch${ids.length > 1 ? ', all at once' : ''})`);
      out.done();
    });
    return;
  }
  let pending = ids.length;
  let failed = false;
  for (const id of ids) {
    changeComponent(world, id, phase.changes[id]!, opts, cause, {
      done: () => {
        if (--pending === 0 && !failed) out.done();
      },
      fail: (reason, supersededBy) => {
        if (!failed) out.fail(reason, supersededBy);
        failed = true;
      },
    });
  }
}
