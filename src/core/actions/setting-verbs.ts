import { cutover } from '../cutover.js';
import { promote, setWeight } from '../faults.js';
import { unsettable } from '../settable.js';
import type { Value } from '../spec.js';
import type { ActionContext, Verb } from './action.js';
import { MAX_REPLICAS, parseReplicas, parseShare } from './values.js';

/** What `abort` does to a change that applies at once after a wait: it never applies. */
const CALLED_OFF = { stops: 'it is called off before it applies: nothing changes' } as const;

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
  summary: 'push a runtime setting (a declared setting, a flag, or an attribute of a config component) to every instance',
  args: [
    { name: 'KEY', kind: 'setting', about: 'a setting the scenario declares, or `component.attribute` of a config component; never a version' },
    { name: 'VALUE', kind: 'value', about: 'a number, true/false, on/off, or a word' },
  ],
  options: [],
  abort: CALLED_OFF,
  start(ctx) {
    const [key, value] = ctx.cmd.args as [string, string];
    const fixed = unsettable(ctx.world.spec, key);
    if (fixed !== undefined) throw new Error(`set reached the world with a key no command may set: ${fixed}`);
    setSetting(ctx, key, parseValue(value), 30_000);
  },
};

const flag: Verb = {
  name: 'flag',
  summary: 'turn a feature flag on or off without a deploy',
  args: [
    { name: 'NAME', kind: 'flag-name', about: 'the feature flag' },
    { name: 'STATE', choices: ['on', 'off'], about: 'on or off' },
  ],
  options: [],
  abort: CALLED_OFF,
  start(ctx) {
    const [name, state] = ctx.cmd.args as [string, string];
    setSetting(ctx, `flags.${name}`, state === 'on', 5_000);
  },
};

const fallback: Verb = {
  name: 'fallback',
  summary: 'send failed requests to the fallback model (within whatever timeout budget it has)',
  args: [{ name: 'STATE', choices: ['on', 'off'], about: 'on or off' }],
  options: [],
  abort: CALLED_OFF,
  check(world) {
    const fb = world.spec.traffic.fallback;
    if (!fb) return 'this system has no fallback';
    if (typeof fb.enabled !== 'object') return 'the fallback is fixed in this system and cannot be switched';
    const fixed = unsettable(world.spec, fb.enabled.ref);
    return fixed === undefined ? undefined : `the fallback follows ${fb.enabled.ref}, which no command sets: ${fixed}`;
  },
  start(ctx) {
    const fb = ctx.world.spec.traffic.fallback!;
    setSetting(ctx, (fb.enabled as { ref: string }).ref, ctx.cmd.args[0] === 'on', 10_000);
  },
};

const switchVerb: Verb = {
  name: 'switch',
  summary: 'point a route at another environment (blue/green): seconds, if that environment is warm',
  args: [
    { name: 'ROUTE', kind: 'route', about: 'the route to move' },
    { name: 'TRACK', kind: 'track', about: 'the serving deployment’s environment to send it to' },
  ],
  options: [],
  abort: CALLED_OFF,
  start(ctx) {
    const { world, cmd } = ctx;
    const [routeName, track] = cmd.args as [string, string];
    const route = world.routes.find((r) => r.name === routeName)!;
    const serving = world.spec.traffic.deployment!;
    ctx.wait(5_000, () => {
      cutover(world, route, track, ctx.cause);
      const ready = world.fleet.count(serving, 'ready', track);
      ctx.done(`${route.name} now served by ${track} (${ready} ready pods)`);
    });
  },
};

const canary: Verb = {
  name: 'canary',
  summary: 'set the canary route’s share of users, abort it (0%), or promote its versions to everyone',
  args: [{ name: 'PERCENT', kind: 'share', choices: ['abort', 'promote'], about: 'the canary’s new share of users; abort sends them all back to stable; promote gives everyone its versions' }],
  options: [],
  abort: { stops: 'the weight change, abort or promotion is called off before it applies: the canary stays where it is' },
  targets: () => ['canary'],
  check(world) {
    return world.routes.some((r) => r.name === 'canary') ? undefined : 'this system has no canary route';
  },
  start(ctx) {
    const { world, cmd } = ctx;
    const route = world.routes.find((r) => r.name === 'canary')!;
    const arg = cmd.args[0]!;
    if (arg === 'abort') {
      ctx.wait(5_000, () => {
        setWeight(world, 'canary', 0, ctx.cause);
        ctx.done('canary aborted: every user back on the stable route');
      });
      return;
    }
    if (arg === 'promote') {
      ctx.wait(5_000, () => {
        promote(world, route.overrides, ctx.cause);
        setWeight(world, 'canary', 0, ctx.cause);
        ctx.done('canary promoted');
      });
      return;
    }
    const pct = parseShare(arg)!;
    ctx.wait(5_000, () => {
      setWeight(world, 'canary', pct / 100, ctx.cause);
      route.steered = true;
      ctx.done(`canary at ${pct}%`);
    });
  },
};

const scale: Verb = {
  name: 'scale',
  summary: 'change a deployment’s replica count (scaling down removes crash-looping and pending pods first)',
  args: [
    { name: 'DEPLOYMENT', kind: 'deployment', about: 'the deployment to scale' },
    { name: 'REPLICAS', kind: 'replicas', about: `how many pods it should run (at most ${MAX_REPLICAS})` },
  ],
  options: [{ name: 'track', value: { name: 'TRACK', kind: 'track', of: 'DEPLOYMENT' }, about: 'the environment to scale (blue/green); by default the main one' }],
  abort: CALLED_OFF,
  start(ctx) {
    const { world, cmd } = ctx;
    const id = cmd.args[0]!;
    const n = parseReplicas(cmd.args[1]!)!;
    const track = cmd.options.track ?? 'main';
    ctx.wait(5_000, () => {
      world.fleet.scale(id, track, n, ctx.cause);
      ctx.done(`${id} (${track}) scaled to ${n}`);
    });
  },
};

export const SETTING_VERBS: Verb[] = [set, flag, fallback, switchVerb, canary, scale];
