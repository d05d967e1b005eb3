import { podTrouble } from '../changes.js';
import { rowsAt } from '../data.js';
import { describeRoute } from '../route-signals.js';
import { routeViews } from '../route-view.js';
import { formatClock } from '../monitors.js';
import { unknownName } from '../names.js';
import { clamp01 } from '../rules.js';
import type { BackupScope } from '../spec.js';
import type { World } from '../world.js';
import type { Verb } from './action.js';
import { versionChoice } from './rollback-target.js';
import { judgeSnapshot, type SnapshotComparison, type SnapshotVerdict } from '../snapshot-suite.js';
import { parseDurationMs, parsePercent } from './values.js';

/** What `kubectl describe`, a registry console or a database shell would show of one thing. */
export function describeTarget(world: World, name: string | undefined): string[] | string {
  if (!name) {
    const current = world.currentRelease();
    return [
      current ? `release ${current} (${world.release(current).digest})` : 'release: mixed (no release matches every layer)',
      ...[...world.components.values()].map((c) => `${c.spec.layer.padEnd(8)} ${c.spec.id} ${world.versionOf(c.spec.id)}`),
      ...routeViews(world).map((r) => `route ${r.name}: ${r.weightPct}% of users on ${r.track}${r.versions.length > 0 ? `, serves ${r.versions.map((v) => `${v.component} ${v.version}`).join(', ')}` : ''}`),
    ];
  }
  const c = world.components.get(name);
  if (c) {
    // A model in the model layer is a model, not a `model model`.
    const what = c.spec.kind === c.spec.layer ? c.spec.kind : `${c.spec.layer} ${c.spec.kind}`;
    const lines = [`${c.spec.id} (${what}) at ${world.versionOf(name)}`];
    if (c.history.length) lines.push(`earlier versions: ${c.history.join(', ')}`);
    lines.push(`rollback ${name} without a version goes ${versionChoice(world, name)}`);
    if (c.spec.kind === 'deployment') {
      const d = world.fleet.get(name);
      const phases = new Map<string, number>();
      for (const p of d.pods) phases.set(`${p.track} ${p.version} ${p.phase}`, (phases.get(`${p.track} ${p.version} ${p.phase}`) ?? 0) + 1);
      for (const [k, n] of phases) lines.push(`pods: ${n} ${k}`);
      lines.push(podTrouble(world, name));
    }
    if (c.spec.kind === 'model') {
      const registry = world.registries.get(c.spec.registry!)!;
      const r = registry.resolve(world.versionOf(name), world.now);
      lines.push(r.alias ? `floating alias '${r.alias}' currently serves ${r.version}` : `pinned to ${r.version}`);
      if (r.retired) lines.push(`${r.version} is retired`);
    }
    if (c.spec.kind === 'database') lines.push(...describeDatabase(world, name));
    return lines;
  }
  const route = world.routes.find((r) => r.name === name);
  if (route) return describeRoute(world, route);
  return unknownName('thing to inspect', name, [...world.components.keys(), ...world.routes.map((r) => r.name)]);
}

/** Where a backup is kept, in words: what a deletion of the volume or the account takes with it. */
const BACKUP_PLACES: Record<BackupScope, string> = {
  volume: 'kept on the database volume',
  account: 'kept in the same cloud account',
  offsite: 'kept offsite',
  provider: 'kept by the cloud provider',
};

function describeDatabase(world: World, id: string): string[] {
  const db = world.databases.get(id)!;
  const lines = [`state ${db.state}, schema ${db.schema}`];
  for (const t of db.tables) lines.push(`table ${t.name}: ${t.present ? `${Math.round(rowsAt(t, world.now))} rows` : 'gone'}`);
  for (const b of db.backups) {
    const status = b.destroyedBy ? `destroyed by ${b.destroyedBy}` : b.accessible ? 'available' : 'held by the provider';
    lines.push(`backup ${b.spec.id}: ${formatClock(world.now - b.takenMs)} old, ${BACKUP_PLACES[b.spec.scope]}, ${status}`);
  }
  if (db.spec.pitr) lines.push('point-in-time recovery: on');
  if (db.spec.softDeleteMs > 0) lines.push(`soft delete: ${formatClock(db.spec.softDeleteMs)}`);
  return lines;
}

const inspect: Verb = {
  name: 'inspect',
  leaves: 'none',
  summary: 'look at a component, a route, or the whole stack',
  args: [{ name: 'COMPONENT|ROUTE', kind: ['component', 'route'], optional: true, about: 'what to look at: pods, crash reasons, pool use, alias, schema, backups; the whole stack when absent' }],
  options: [],
  start(ctx) {
    ctx.wait(5_000, () => ctx.done(...(describeTarget(ctx.world, ctx.cmd.args[0]) as string[])));
  },
};

const declare: Verb = {
  name: 'declare',
  leaves: 'detection',
  summary: 'declare an incident: the clock for detection stops here',
  args: [{ name: 'WHY', kind: 'text', optional: true, about: 'what the team sees, for the timeline' }],
  options: [],
  start(ctx) {
    ctx.tracker.detect(`declared by ${ctx.record.by}${ctx.cmd.args.length ? `: ${ctx.cmd.args.join(' ')}` : ''}`);
    ctx.done();
  },
};

const freeze: Verb = {
  name: 'freeze',
  summary: 'stop every pending deploy and canary promotion',
  args: [],
  options: [],
  start(ctx) {
    ctx.wait(10_000, () => {
      ctx.world.frozen = true;
      ctx.done('deploys frozen');
    });
  },
};

const verify: Verb = {
  name: 'verify',
  leaves: 'check',
  summary: 'run the behavioural snapshot suite and test quality and business metrics against the baseline',
  args: [],
  options: [
    {
      name: 'significance',
      value: { name: 'PERCENT', kind: 'percent' },
      about: 'how rarely an unchanged system may fail the suite (default: the scenario’s, 1% unless it says otherwise)',
    },
  ],
  check(_world, cmd) {
    const level = cmd.options.significance === undefined ? undefined : parsePercent(cmd.options.significance)!;
    return level !== undefined && !(level > 0 && level < 100) ? `a significance level must be above 0% and below 100%, not ${cmd.options.significance}` : undefined;
  },
  start(ctx) {
    const suite = ctx.world.spec.snapshotSuite;
    const significance = ctx.cmd.options.significance === undefined ? suite.significance : parsePercent(ctx.cmd.options.significance)! / 100;
    ctx.wait(60_000, () => {
      const { world } = ctx;
      const rng = world.streams.get('checks');
      const { traffic } = world.spec;
      const comparisons: SnapshotComparison[] = [];
      const run = (name: string, baseline: number, expected: number, good: 'high' | 'low'): void => {
        comparisons.push({ name, baseline, good, count: rng.binomial(suite.cases, clamp01(expected)) });
      };
      for (const route of world.liveRoutes()) {
        const effect = world.stacks.effectOf(world.stacks.routeGroups(route)[0]?.stack ?? world.stacks.routeStack(route));
        run(`${route.name} quality`, traffic.baseQuality, traffic.baseQuality + effect.quality, 'high');
        for (const m of world.spec.metrics) {
          if (m.kind !== 'rate') continue;
          run(`${route.name} ${m.name}`, m.baseline, m.baseline + (effect.metrics[m.name] ?? 0), m.good);
        }
      }
      const verdicts = judgeSnapshot(suite.cases, comparisons, significance);
      const line = (v: SnapshotVerdict): string => `${v.name} ${v.measured.toFixed(3)} vs baseline ${v.baseline.toFixed(3)} (p = ${formatP(v.pValue)})`;
      ctx.record.output.push(...verdicts.map(line));
      const worse = verdicts.filter((v) => v.worse);
      const test = `${suite.cases} cases, one-sided binomial test at ${formatPercent(significance)} over ${verdicts.length} comparisons`;
      if (worse.length > 0) ctx.fail(`behaviour is worse than the baseline (${test}): ${worse.map(line).join('; ')}`);
      else ctx.done(`behaviour is no worse than the baseline (${test})`);
    });
  },
};

const formatP = (p: number): string => (p < 0.0001 ? '< 0.0001' : p.toFixed(4));
const formatPercent = (share: number): string => `${Number((share * 100).toPrecision(3))}%`;

const wait: Verb = {
  name: 'wait',
  leaves: 'none',
  summary: 'do nothing for a while',
  args: [{ name: 'SECONDS', kind: 'duration', about: 'how long: seconds, or with a unit (2m, 1h)' }],
  options: [],
  start(ctx) {
    ctx.world.kernel.after(parseDurationMs(ctx.cmd.args[0]!)!, () => ctx.done());
  },
};

const note: Verb = {
  name: 'note',
  leaves: 'none',
  summary: 'write a line in the drill’s timeline',
  args: [{ name: 'TEXT', kind: 'text', about: 'the line, to the end of the command' }],
  options: [],
  start(ctx) {
    ctx.world.note('note', ctx.cmd.args.join(' '));
    ctx.done();
  },
};

export const OBSERVE_VERBS: Verb[] = [inspect, declare, freeze, verify, wait, note];
