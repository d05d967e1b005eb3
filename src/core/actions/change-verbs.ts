import { applyRelease, applyTogether, changeComponent, type RolloutOptions } from '../changes.js';
import { setWeight } from '../faults.js';
import { unknownName } from '../names.js';
import { isHarmful } from '../rules.js';
import type { Value } from '../spec.js';
import type { World } from '../world.js';
import { parseCount, type ActionContext, type Verb } from './action.js';

const ROLLOUT_OPTIONS = ['to', 'strategy', 'max-unavailable', 'max-surge', 'track'] as const;

function componentArg(world: World, name: string | undefined): string | { error: string } {
  if (!name) return { error: 'name a component' };
  if (!world.components.has(name)) return { error: unknownName('component', name, world.components.keys()) };
  return name;
}

function rolloutOptions(ctx: ActionContext, id: string): RolloutOptions | string {
  const { options } = ctx.cmd;
  const c = ctx.world.component(id);
  const replicas = c.spec.deployment?.replicas ?? 0;
  const strategy = options.strategy;
  if (strategy !== undefined && strategy !== 'rolling' && strategy !== 'recreate') {
    return `--strategy must be rolling or recreate, got '${strategy}'`;
  }
  const maxUnavailable = parseCount(options['max-unavailable'], replicas, false);
  const maxSurge = parseCount(options['max-surge'], replicas, true);
  if (typeof maxUnavailable === 'object') return `--max-unavailable: ${maxUnavailable.error}`;
  if (typeof maxSurge === 'object') return `--max-surge: ${maxSurge.error}`;
  return {
    ...(strategy ? { recreate: strategy === 'recreate' } : {}),
    ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
    ...(maxSurge !== undefined ? { maxSurge } : {}),
    ...(options.track ? { track: options.track } : {}),
  };
}

function versionCheck(world: World, id: string, version: string): string | undefined {
  const c = world.component(id);
  if (c.spec.kind === 'model') {
    const registry = world.registries.get(c.spec.registry!)!;
    return registry.has(version) ? undefined : unknownName(`version of ${id}`, version, registry.names());
  }
  // Own keys only: `constructor` or `toString` is no version of anything.
  return Object.hasOwn(c.spec.versions, version) ? undefined : unknownName(`version of ${id}`, version, Object.keys(c.spec.versions));
}

/**
 * Records a rollback that removes no harm: every harmful rule matching now would match after it
 * too (a spike that heals by itself, a provider change behind an alias).
 */
export function checkNecessary(ctx: ActionContext, target: Readonly<Record<string, string>>): void {
  const { world } = ctx;
  const now = world.harmfulMatches();
  const after = new Set<string>();
  for (const route of world.liveRoutes()) {
    for (const m of world.effectOf(world.stackWith(world.routeStack(route), target)).matched) {
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

function changeVerb(name: 'rollback' | 'deploy'): Verb {
  return {
    name,
    usage: `${name} COMPONENT [VERSION] [--strategy rolling|recreate] [--max-unavailable N|P%] [--max-surge N|P%]`,
    summary:
      name === 'rollback'
        ? 'return one component to its previous version (or VERSION): a rollout, a migration or a switch'
        : 'move one component forward to VERSION',
    options: ROLLOUT_OPTIONS,
    start(ctx) {
      const { world, cmd } = ctx;
      const id = componentArg(world, cmd.args[0]);
      if (typeof id === 'object') return id.error;
      const c = world.component(id);
      const version = cmd.args[1] ?? cmd.options.to ?? (name === 'rollback' ? c.history.at(-1) : undefined);
      if (version === undefined) {
        return name === 'rollback'
          ? `no earlier version of ${id} to roll back to: it has run ${world.versionOf(id)} since the drill began`
          : `name the version to deploy ${id} to`;
      }
      const bad = versionCheck(world, id, version);
      if (bad) return bad;
      const opts = rolloutOptions(ctx, id);
      if (typeof opts === 'string') return opts;
      if (name === 'rollback') checkNecessary(ctx, { [id]: version });
      changeComponent(world, id, version, opts, ctx.cause, ctx.outcome);
    },
  };
}

function releaseVerb(name: 'rollback-release' | 'deploy-release'): Verb {
  return {
    name,
    usage: `${name} ${name === 'rollback-release' ? '[RELEASE]' : 'RELEASE'} [--max-unavailable N|P%] [--max-surge N|P%]`,
    summary:
      name === 'rollback-release'
        ? 'return every layer to a release (default: the previous one) as one unit: migrations, rollouts, then one atomic switch'
        : 'move every layer to a release as one unit',
    options: ['max-unavailable', 'max-surge'],
    start(ctx) {
      const { world, cmd } = ctx;
      const history = world.releaseHistory;
      const current = world.currentRelease() ?? history.at(-1);
      const id = cmd.args[0] ?? (name === 'rollback-release' ? [...history].reverse().find((r) => r !== current) : undefined);
      if (id === undefined) return name === 'rollback-release' ? 'no earlier release to roll back to' : 'name the release';
      if (!world.spec.releases.some((r) => r.id === id)) return unknownName('release', id, world.spec.releases.map((r) => r.id));
      const serving = world.spec.traffic.deployment;
      const opts = serving ? rolloutOptions(ctx, serving) : {};
      if (typeof opts === 'string') return opts;
      if (name === 'rollback-release') checkNecessary(ctx, world.release(id).versions);
      applyRelease(world, id, opts, ctx.cause, ctx.outcome);
    },
  };
}

/** `atomic a b=2.1 c`: several components back (or to a version) as one unit. */
const atomic: Verb = {
  name: 'atomic',
  usage: 'atomic COMPONENT[=VERSION]... [--max-unavailable N|P%]',
  summary: 'roll several components back (or to VERSION) as one unit: prepared in parallel, switched at once',
  options: ['max-unavailable', 'max-surge'],
  start(ctx) {
    const { world, cmd } = ctx;
    if (cmd.args.length === 0) return 'name the components to change together';
    const target: Record<string, string> = {};
    for (const arg of cmd.args) {
      const [name, explicit] = arg.split('=');
      const id = componentArg(world, name);
      if (typeof id === 'object') return id.error;
      const version = explicit ?? world.component(id).history.at(-1);
      if (version === undefined) return `no earlier version of ${id} to roll back to`;
      const bad = versionCheck(world, id, version);
      if (bad) return bad;
      target[id] = version;
    }
    const serving = world.spec.traffic.deployment;
    const opts = serving ? rolloutOptions(ctx, serving) : {};
    if (typeof opts === 'string') return opts;
    checkNecessary(ctx, target);
    applyTogether(world, target, Object.entries(target).map(([k, v]) => `${k} ${v}`).join(' + '), opts, ctx.cause, ctx.outcome);
  },
};

const migrate: Verb = {
  name: 'migrate',
  usage: 'migrate DATABASE SCHEMA',
  summary: 'run database migrations up or down to SCHEMA (down only where they are reversible)',
  start(ctx) {
    const { world, cmd } = ctx;
    const [id, to] = cmd.args;
    if (!id || !world.databases.has(id)) return id ? unknownName('database', id, world.databases.keys()) : 'name a database';
    if (!to) return 'name the schema version to migrate to';
    const bad = versionCheck(world, id, to);
    if (bad) return bad;
    changeComponent(world, id, to, {}, ctx.cause, ctx.outcome);
  },
};

const pin: Verb = {
  name: 'pin',
  usage: 'pin MODEL DATED-VERSION',
  summary: 'point a model at a fixed dated version instead of a floating alias',
  start(ctx) {
    const { world, cmd } = ctx;
    const id = componentArg(world, cmd.args[0]);
    if (typeof id === 'object') return id.error;
    const c = world.component(id);
    if (c.spec.kind !== 'model') return `${id} is a ${c.spec.kind}, not a model`;
    const version = cmd.args[1];
    if (!version) return 'name the dated version to pin';
    const registry = world.registries.get(c.spec.registry!)!;
    if (registry.isAlias(version)) return `'${version}' is a floating alias; pin a dated version (${[...registry.versions.keys()].join(', ')})`;
    const bad = versionCheck(world, id, version);
    if (bad) return bad;
    ctx.wait(c.spec.changeMs, () => {
      if (registry.isRetired(version, world.now)) return ctx.fail(`${version} has been retired by ${registry.spec.provider}: it can no longer be pinned`);
      world.setVersion(id, version, ctx.cause);
      ctx.done(`${id} pinned to ${version}`);
    });
  },
};

function parseValue(text: string): Value {
  if (text === 'true' || text === 'on') return true;
  if (text === 'false' || text === 'off') return false;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function setSetting(ctx: ActionContext, key: string, value: Value, baseMs: number): void {
  ctx.wait(baseMs, () => {
    ctx.world.settings.set(key, value);
    ctx.world.changed(ctx.cause);
    ctx.done(`${key} = ${String(value)}`);
  });
}

const set: Verb = {
  name: 'set',
  usage: 'set KEY VALUE',
  summary: 'push a runtime setting (component.setting or a flag) to every instance',
  start(ctx) {
    const [key, value] = ctx.cmd.args;
    if (!key || value === undefined) return 'usage: set KEY VALUE';
    const known = Object.keys(ctx.world.baseStack());
    if (!known.includes(key) && !ctx.world.settings.has(key)) return unknownName('setting', key, known.filter((k) => k.includes('.')));
    setSetting(ctx, key, parseValue(value), 30_000);
  },
};

const flag: Verb = {
  name: 'flag',
  usage: 'flag NAME on|off',
  summary: 'turn a feature flag on or off without a deploy',
  start(ctx) {
    const [name, state] = ctx.cmd.args;
    if (!name || (state !== 'on' && state !== 'off')) return 'usage: flag NAME on|off';
    const key = `flags.${name}`;
    if (!ctx.world.settings.has(key)) {
      return unknownName('flag', name, [...ctx.world.settings.keys()].filter((k) => k.startsWith('flags.')).map((k) => k.slice(6)));
    }
    setSetting(ctx, key, state === 'on', 5_000);
  },
};

const fallback: Verb = {
  name: 'fallback',
  usage: 'fallback on|off',
  summary: 'send failed requests to the fallback model (within whatever timeout budget it has)',
  start(ctx) {
    const state = ctx.cmd.args[0];
    if (state !== 'on' && state !== 'off') return 'usage: fallback on|off';
    const fb = ctx.world.spec.traffic.fallback;
    if (!fb) return 'this system has no fallback';
    if (typeof fb.enabled !== 'object') return 'the fallback is fixed in this system and cannot be switched';
    setSetting(ctx, fb.enabled.ref, state === 'on', 10_000);
  },
};

const switchVerb: Verb = {
  name: 'switch',
  usage: 'switch ROUTE TRACK',
  summary: 'point a route at another environment (blue/green): seconds, if that environment is warm',
  start(ctx) {
    const { world, cmd } = ctx;
    const [routeName, track] = cmd.args;
    const route = world.routes.find((r) => r.name === routeName);
    if (!route) return unknownName('route', routeName ?? '', world.routes.map((r) => r.name));
    const serving = world.spec.traffic.deployment;
    if (!serving) return 'this system has no deployment to switch between';
    const tracks = [...world.fleet.get(serving).replicas.keys()];
    if (!track || !tracks.includes(track)) return unknownName('track', track ?? '', tracks);
    ctx.wait(5_000, () => {
      route.track = track;
      world.changed(ctx.cause);
      const ready = world.fleet.count(serving, 'ready', track);
      ctx.done(`${route.name} now served by ${track} (${ready} ready pods)`);
    });
  },
};

const canary: Verb = {
  name: 'canary',
  usage: 'canary PERCENT|abort|promote',
  summary: 'set the canary route’s share of users, abort it (0%), or promote its versions to everyone',
  start(ctx) {
    const { world, cmd } = ctx;
    const route = world.routes.find((r) => r.name === 'canary');
    if (!route) return 'this system has no canary route';
    const arg = cmd.args[0];
    if (arg === 'abort') {
      ctx.wait(5_000, () => {
        setWeight(world, 'canary', 0, ctx.cause);
        ctx.done('canary aborted: every user back on the stable route');
      });
      return;
    }
    if (arg === 'promote') {
      ctx.wait(5_000, () => {
        for (const [id, v] of Object.entries(route.overrides)) world.setVersion(id, v, ctx.cause);
        setWeight(world, 'canary', 0, ctx.cause);
        ctx.done('canary promoted');
      });
      return;
    }
    const pct = Number(arg?.replace(/%$/, ''));
    if (!arg || !Number.isFinite(pct) || pct < 0 || pct > 100) return 'usage: canary PERCENT|abort|promote';
    ctx.wait(5_000, () => {
      setWeight(world, 'canary', pct / 100, ctx.cause);
      ctx.done(`canary at ${pct}%`);
    });
  },
};

const scale: Verb = {
  name: 'scale',
  usage: 'scale DEPLOYMENT REPLICAS [--track TRACK]',
  summary: 'change a deployment’s replica count (scaling down removes crash-looping and pending pods first)',
  options: ['track'],
  start(ctx) {
    const { world, cmd } = ctx;
    const id = componentArg(world, cmd.args[0]);
    if (typeof id === 'object') return id.error;
    if (world.component(id).spec.kind !== 'deployment') return `${id} is not a deployment`;
    const n = Number(cmd.args[1]);
    if (!Number.isInteger(n) || n < 0) return 'usage: scale DEPLOYMENT REPLICAS';
    const track = cmd.options.track ?? 'main';
    ctx.wait(5_000, () => {
      world.fleet.scale(id, track, n, ctx.cause);
      ctx.done(`${id} (${track}) scaled to ${n}`);
    });
  },
};

export const CHANGE_VERBS: Verb[] = [
  changeVerb('rollback'),
  changeVerb('deploy'),
  releaseVerb('rollback-release'),
  releaseVerb('deploy-release'),
  atomic,
  migrate,
  pin,
  set,
  flag,
  fallback,
  switchVerb,
  canary,
  scale,
];
