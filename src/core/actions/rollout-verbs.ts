import { applyRelease, applyTogether, changeComponent, type RolloutOptions, type UnitProgress } from '../changes.js';
import type { Command } from '../commands.js';
import { isHarmful } from '../rules.js';
import { isTransition } from '../transitions.js';
import type { World } from '../world.js';
import type { ActionContext, Verb } from './action.js';
import type { OptionDecl } from './declaration.js';
import { splitAt } from './kinds.js';
import { noPreviousRelease, noPreviousVersion, previousRelease, previousVersion, releaseChoice, versionChoice } from './rollback-target.js';
import { MIGRATION_RUNS_TO_ITS_END, undoChanges } from './undo-changes.js';
import { parseCount } from './values.js';

const MAX_UNAVAILABLE: OptionDecl = {
  name: 'max-unavailable',
  value: { name: 'N|P%', kind: 'count' },
  about: 'pods that may be down at once during the rollout: a number or a share of the replicas (in a full pool, what lets it proceed)',
};

const MAX_SURGE: OptionDecl = {
  name: 'max-surge',
  value: { name: 'N|P%', kind: 'count' },
  about: 'pods that may start beyond the replicas during the rollout, if the pool has the slots',
};

/** The serving deployment's rollout limits from `--max-unavailable` and `--max-surge`, and the rest. */
function rolloutOptions(world: World, cmd: Command, id: string): RolloutOptions {
  const { options } = cmd;
  const replicas = world.component(id).spec.deployment?.replicas ?? 0;
  const count = (word: string | undefined, roundUp: boolean): number | undefined => (word === undefined ? undefined : parseCount(word, replicas, roundUp));
  const maxUnavailable = count(options['max-unavailable'], false);
  const maxSurge = count(options['max-surge'], true);
  return {
    ...(options.strategy ? { recreate: options.strategy === 'recreate' } : {}),
    ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
    ...(maxSurge !== undefined ? { maxSurge } : {}),
    ...(options.track ? { track: options.track } : {}),
  };
}

function servingOptions(world: World, cmd: Command): RolloutOptions {
  const serving = world.spec.traffic.deployment;
  return serving ? rolloutOptions(world, cmd, serving) : {};
}

/**
 * Records a rollback that removes no harm: every harmful rule matching now would match after it
 * too (a spike that heals by itself, a provider change behind an alias).
 */
export function checkNecessary(ctx: ActionContext, target: Readonly<Record<string, string>>): void {
  const { world } = ctx;
  // A transition still settling is the cost of an earlier change, not a cause a rollback removes.
  const now = world.stacks.harmfulMatches().filter((h) => !isTransition(world, h.rule));
  const after = new Set<string>();
  for (const live of world.stacks.liveStacks()) {
    for (const m of world.stacks.effectOf(world.stacks.stackWith(live.stack, target)).matched) {
      if (isHarmful(m.rule.effect, world.metricSpecs)) after.add(m.rule.id);
    }
  }
  if (now.some((h) => !after.has(h.rule.id))) return;
  const why =
    now.length === 0
      ? 'nothing in the running stack was at fault'
      : `it removes none of the causes: ${now.map((h) => h.rule.explain).join('; ')}`;
  ctx.tracker.unnecessaryRollbacks.push({ tMs: world.now, action: ctx.record.text, why });
  world.note('note', `unnecessary rollback (${ctx.record.text}): ${why}`);
}

/** Where `rollback` or `deploy` takes a component: the version named, or (rolling back) one release further back. */
function targetVersion(world: World, cmd: Command): string | undefined {
  const id = cmd.args[0]!;
  return cmd.args[1] ?? cmd.options.to ?? (cmd.verb === 'rollback' ? previousVersion(world, id) : undefined);
}

function changeVerb(name: 'rollback' | 'deploy'): Verb {
  const back = name === 'rollback';
  return {
    name,
    summary: back
      ? 'return one component to the version its current one replaced (or VERSION): a rollout, a migration or a switch'
      : 'move one component forward to VERSION',
    args: [
      { name: 'COMPONENT', kind: 'component', about: back ? 'the component to roll back' : 'the component to move forward' },
      {
        name: 'VERSION',
        kind: 'version',
        of: 'COMPONENT',
        optional: true,
        about: back
          ? 'the version to return to; by default the one the current version replaced when it first ran (never a newer one: a second rollback goes further back)'
          : 'the version to deploy (or give --to)',
      },
    ],
    options: [
      { name: 'to', value: { name: 'VERSION', kind: 'version', of: 'COMPONENT' }, about: 'the same as VERSION' },
      {
        name: 'strategy',
        value: { name: 'STRATEGY', choices: ['rolling', 'recreate'] },
        about: 'replace pods a few at a time (rolling, the default) or stop them all, then start the new ones (recreate)',
      },
      MAX_UNAVAILABLE,
      MAX_SURGE,
      { name: 'track', value: { name: 'TRACK', kind: 'track', of: 'COMPONENT' }, about: 'the environment to change (blue/green); by default the main one' },
    ],
    check(world, cmd) {
      if (targetVersion(world, cmd) !== undefined) return undefined;
      const id = cmd.args[0]!;
      return back ? noPreviousVersion(world, id) : `name the version to deploy ${id} to`;
    },
    ...(back
      ? {
          picks: (world: World, cmd: Command) => (cmd.args[1] ?? cmd.options.to) === undefined ? `${cmd.args[0]} ${versionChoice(world, cmd.args[0]!)}` : undefined,
          picksNow: (world: World) => [...world.components.keys()].map((id) => `rollback ${id}: ${versionChoice(world, id)}`),
        }
      : {}),
    abort: {
      stops: 'its rollout stops where it is and goes back to the version that was stable before it began (pods not ready go at once); a switch not yet made never is; a migration cannot be aborted',
    },
    start(ctx) {
      const { world, cmd } = ctx;
      const id = cmd.args[0]!;
      const version = targetVersion(world, cmd)!;
      if (back) checkNecessary(ctx, { [id]: version });
      const opts = rolloutOptions(world, cmd, id);
      if (world.component(id).spec.kind === 'database') ctx.cannotAbort(`${id} moves by migration: ${MIGRATION_RUNS_TO_ITS_END}`);
      else ctx.onAbort(undoChanges(ctx, { [id]: version }, opts.track ?? 'main'));
      changeComponent(world, id, version, opts, ctx.cause, ctx.outcome);
    },
  };
}

/** What `abort` does to a change made as one unit. */
const UNIT_ABORT = 'no further phase starts; deployments rolling out go back to the version that was stable before it began, pointers already switched flip back, a migration under way runs to its end';

/** A release change's targets for `abort`: the release, and the components it changes. */
function releaseTargets(world: World, id: string | undefined): string[] {
  if (id === undefined) return [];
  return [id, ...Object.entries(world.release(id).versions).filter(([c, v]) => world.versionOf(c) !== v).map(([c]) => c)];
}

/** Where a release verb goes: the release named, or (rolling back) the one the live release replaced. */
function targetRelease(world: World, cmd: Command): string | undefined {
  if (cmd.args[0] !== undefined || cmd.verb !== 'rollback-release') return cmd.args[0];
  return previousRelease(world);
}

function releaseVerb(name: 'rollback-release' | 'deploy-release'): Verb {
  const back = name === 'rollback-release';
  return {
    name,
    summary: back
      ? 'return every layer to a release (default: the one the live release replaced) as one unit: migrations, rollouts, then one atomic switch'
      : 'move every layer to a release as one unit',
    args: [
      back
        ? { name: 'RELEASE', kind: 'release', optional: true, about: 'the release to return to; by default the one the live release replaced when it was first deployed (never a newer one)' }
        : { name: 'RELEASE', kind: 'release', about: 'the release to deploy' },
    ],
    options: [MAX_UNAVAILABLE, MAX_SURGE],
    abort: { stops: UNIT_ABORT },
    targets: (world, cmd) => releaseTargets(world, targetRelease(world, cmd)),
    check(world, cmd) {
      if (targetRelease(world, cmd) !== undefined) return undefined;
      return back ? noPreviousRelease(world) : 'name the release';
    },
    ...(back
      ? {
          picks: (world: World, cmd: Command) => (cmd.args[0] === undefined ? releaseChoice(world) : undefined),
          picksNow: (world: World) => [`rollback-release: ${releaseChoice(world)}`],
        }
      : {}),
    start(ctx) {
      const { world, cmd } = ctx;
      const id = targetRelease(world, cmd)!;
      if (back) checkNecessary(ctx, world.release(id).versions);
      let progress: UnitProgress | undefined;
      ctx.onAbort(undoChanges(ctx, world.release(id).versions, 'main', () => progress));
      progress = applyRelease(world, id, servingOptions(world, cmd), ctx.cause, ctx.outcome);
    },
  };
}

/** `atomic a b=2.1 c`: each component to the version named, or one release further back (as `rollback`). */
function atomicTarget(world: World, cmd: Command): Record<string, string | undefined> {
  const target: Record<string, string | undefined> = {};
  for (const arg of cmd.args) {
    const [id, explicit] = splitAt(arg);
    target[id] = explicit ?? previousVersion(world, id);
  }
  return target;
}

const atomic: Verb = {
  name: 'atomic',
  summary: 'roll several components back (or to VERSION) as one unit: prepared in parallel, switched at once',
  args: [{ name: 'COMPONENT[=VERSION]', kind: 'component-version', repeat: true, about: 'a component to change: to VERSION, or back to the version its current one replaced (as rollback)' }],
  options: [MAX_UNAVAILABLE, MAX_SURGE],
  abort: { stops: UNIT_ABORT },
  check(world, cmd) {
    const missing = Object.entries(atomicTarget(world, cmd)).find(([, v]) => v === undefined);
    return missing ? noPreviousVersion(world, missing[0]) : undefined;
  },
  picks(world, cmd) {
    const chosen = cmd.args.map((a) => splitAt(a)).filter(([, v]) => v === undefined);
    return chosen.length === 0 ? undefined : chosen.map(([id]) => `${id} ${versionChoice(world, id)}`).join('; ');
  },
  start(ctx) {
    const { world, cmd } = ctx;
    const target = atomicTarget(world, cmd) as Record<string, string>;
    checkNecessary(ctx, target);
    const label = Object.entries(target).map(([k, v]) => `${k} ${v}`).join(' + ');
    let progress: UnitProgress | undefined;
    ctx.onAbort(undoChanges(ctx, target, 'main', () => progress));
    progress = applyTogether(world, target, label, servingOptions(world, cmd), ctx.cause, ctx.outcome);
  },
};

const migrate: Verb = {
  name: 'migrate',
  summary: 'run database migrations up or down to SCHEMA (down only where they are reversible)',
  args: [
    { name: 'DATABASE', kind: 'database', about: 'the database to migrate' },
    { name: 'SCHEMA', kind: 'schema', of: 'DATABASE', about: 'the schema version to reach' },
  ],
  options: [],
  abort: { never: MIGRATION_RUNS_TO_ITS_END },
  start(ctx) {
    const [id, to] = ctx.cmd.args as [string, string];
    changeComponent(ctx.world, id, to, {}, ctx.cause, ctx.outcome);
  },
};

const pin: Verb = {
  name: 'pin',
  summary: 'point a model at a fixed dated version instead of a floating alias',
  args: [
    { name: 'MODEL', kind: 'model', about: 'the model component' },
    { name: 'DATED-VERSION', kind: 'dated-version', of: 'MODEL', about: 'a dated version its registry still serves (an alias can move under you)' },
  ],
  options: [],
  abort: { stops: 'the pin is called off before the model switches' },
  start(ctx) {
    const { world, cmd } = ctx;
    const [id, version] = cmd.args as [string, string];
    const c = world.component(id);
    const registry = world.registries.get(c.spec.registry!)!;
    ctx.wait(c.spec.changeMs, () => {
      if (registry.isRetired(version, world.now)) return ctx.fail(`${version} has been retired by ${registry.spec.provider}: it can no longer be pinned`);
      world.setVersion(id, version, ctx.cause);
      ctx.done(`${id} pinned to ${version}`);
    });
  },
};

export const ROLLOUT_VERBS: Verb[] = [changeVerb('rollback'), changeVerb('deploy'), releaseVerb('rollback-release'), releaseVerb('deploy-release'), atomic, migrate, pin];
