import { applyRestore, lostTables, planRestore, undeleteTables, type Database, type RestorePoint } from '../data.js';
import { formatClock, formatDuration } from '../monitors.js';
import { unknownName } from '../names.js';
import { jittered } from '../changes.js';
import type { World } from '../world.js';
import type { ActionContext, Verb } from './action.js';

function databaseArg(world: World, name: string | undefined): Database | string {
  if (!name) return 'name a database';
  return world.databases.get(name) ?? unknownName('database', name, world.databases.keys());
}

/** Picks the restore point: a named backup, point-in-time recovery, or the newest usable backup. */
function restorePoint(ctx: ActionContext, db: Database): RestorePoint | string {
  const { options } = ctx.cmd;
  if (options.pitr !== undefined) {
    if (!db.spec.pitr) return `${db.id} has no point-in-time recovery`;
    if (db.state === 'deleted') return `${db.id} was deleted with its write-ahead log: point-in-time recovery needs the database`;
    return { kind: 'pitr' };
  }
  if (options.from !== undefined) {
    const b = db.backups.find((x) => x.spec.id === options.from);
    if (!b) return unknownName(`backup of ${db.id}`, options.from, db.backups.map((x) => x.spec.id));
    if (b.destroyedBy) return `backup ${b.spec.id} was destroyed by ${b.destroyedBy}`;
    if (!b.accessible && b.accessAtMs === undefined) return `backup ${b.spec.id} is held by the provider: escalate to reach it`;
    return { kind: 'backup', backup: b };
  }
  const usable = db.backups.filter((b) => !b.destroyedBy && b.accessible).sort((a, b) => b.takenMs - a.takenMs);
  if (usable[0]) return { kind: 'backup', backup: usable[0] };
  const held = db.backups.filter((b) => !b.destroyedBy && !b.accessible);
  const destroyed = db.backups.filter((b) => b.destroyedBy).map((b) => b.spec.id);
  return [
    `no usable backup of ${db.id}`,
    destroyed.length ? `destroyed: ${destroyed.join(', ')}` : '',
    held.length ? `held by the provider (escalate): ${held.map((b) => b.spec.id).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

const restore: Verb = {
  name: 'restore',
  usage: 'restore DATABASE [--from BACKUP | --pitr]',
  summary: 'restore lost tables (or a deleted database) from a backup or a point in time; writes after the restore point are lost',
  options: ['from', 'pitr'],
  start(ctx) {
    const { world } = ctx;
    const db = databaseArg(world, ctx.cmd.args[0]);
    if (typeof db === 'string') return db;
    if (lostTables(db).length === 0 && db.state !== 'deleted') return `${db.id} has lost nothing to restore`;
    if (db.restoreInProgress) return `a restore of ${db.id} is already under way: wait for it to finish`;
    const point = restorePoint(ctx, db);
    if (typeof point === 'string') return point;
    const plan = planRestore(db, point);
    const from = point.kind === 'pitr' ? 'the moment before the loss' : `backup ${point.backup.spec.id} (taken ${formatDuration(-point.backup.takenMs)} before the drill)`;
    // Rows written after the restore point are gone from the moment that point is chosen.
    db.rowsLost += plan.lost;
    db.restoreInProgress = true;
    const held = point.kind === 'backup' && !point.backup.accessible ? point.backup.accessAtMs! : world.now;
    ctx.record.expectedEndMs = Math.max(held, world.now) + plan.durationMs;
    if (held > world.now) world.note('data', `${db.id}: waiting for the provider to hand over ${from}, expected at ${formatClock(held)}`);
    world.kernel.at(Math.max(held, world.now), () => {
      world.note('data', `${db.id}: restoring ${plan.rows} rows from ${from}; about ${formatClock(plan.durationMs)}; ${plan.lost} rows written since are lost`);
      db.state = 'restoring';
      world.changed(ctx.cause);
      world.kernel.after(plan.durationMs, () => {
        applyRestore(db, point, world.now);
        db.restoreInProgress = false;
        world.changed(ctx.cause);
        ctx.done(`${db.id} restored from ${from}; ${plan.lost} rows lost`);
      });
    });
  },
};

const undelete: Verb = {
  name: 'undelete',
  usage: 'undelete DATABASE',
  summary: 'bring back soft-deleted tables, or cancel a delayed delete, while the window is open',
  start(ctx) {
    const { world } = ctx;
    const db = databaseArg(world, ctx.cmd.args[0]);
    if (typeof db === 'string') return db;
    ctx.wait(30_000, () => {
      if (db.state === 'deleting') {
        db.state = 'up';
        world.changed(ctx.cause);
        return ctx.done(`${db.id}: delayed delete cancelled`);
      }
      const { restored, expired } = undeleteTables(db, world.now);
      if (restored.length === 0) {
        return ctx.fail(expired.length ? `the soft-delete window for ${expired.join(', ')} has passed or was never there` : `${db.id} has nothing deleted`);
      }
      world.changed(ctx.cause);
      ctx.done(`${db.id}: ${restored.join(', ')} restored from soft delete`);
    });
  },
};

const rebuild: Verb = {
  name: 'rebuild',
  usage: 'rebuild DATABASE',
  summary: 'reconstruct lost rows from an outside system of record (a payment provider’s history)',
  start(ctx) {
    const { world } = ctx;
    const db = databaseArg(world, ctx.cmd.args[0]);
    if (typeof db === 'string') return db;
    const source = db.spec.rebuild;
    if (!source) return `nothing outside ${db.id} holds its rows`;
    const missing = db.rowsLost - db.rowsRebuilt;
    if (missing <= 0) return `${db.id} has no lost rows to rebuild (restore first)`;
    const rows = Math.floor(missing * source.fraction);
    const ms = (rows / source.rowsPerS) * 1000;
    ctx.record.expectedEndMs = world.now + ms;
    world.kernel.after(ms, () => {
      db.rowsRebuilt += rows;
      ctx.done(`${rows} of ${missing} lost rows rebuilt from ${source.source}`);
    });
  },
};

const revoke: Verb = {
  name: 'revoke',
  usage: 'revoke AGENT',
  summary: 'revoke an agent’s token so it can do nothing more',
  start(ctx) {
    const { world } = ctx;
    const id = ctx.cmd.args[0] ?? '';
    const agent = world.agents.get(id);
    if (!agent) return unknownName('agent', id, world.agents.keys());
    ctx.wait(10_000, () => {
      agent.revoked = true;
      ctx.done(`${id}'s token revoked`);
    });
  },
};

const compensate: Verb = {
  name: 'compensate',
  usage: 'compensate [KIND]',
  summary: 'run forward corrections for compensatable side effects (refunds, follow-up emails)',
  start(ctx) {
    const kind = ctx.cmd.args[0];
    ctx.wait(300_000, () => {
      let n = 0;
      for (const t of ctx.tracker.sideEffects.values()) {
        if (t.class !== 'compensatable' || (kind && t.kind !== kind)) continue;
        n += t.count - t.compensated;
        t.compensated = t.count;
      }
      ctx.done(`${n} side effects compensated`);
    });
  },
};

/** Provider support: reverts the provider's aliases after days, opens provider-held backups after their access time. */
const escalate: Verb = {
  name: 'escalate',
  usage: 'escalate PROVIDER',
  summary: 'open a case with a provider: it may revert its change or hand over a snapshot, on its own schedule',
  start(ctx) {
    const { world } = ctx;
    const provider = ctx.cmd.args[0] ?? '';
    const registries = [...world.registries.values()].filter((r) => r.spec.provider === provider);
    const held = [...world.databases.values()].flatMap((db) => db.backups.filter((b) => b.spec.scope === 'provider' && !b.accessible));
    const providers = new Set([...world.registries.values()].map((r) => r.spec.provider));
    if (held.length > 0) providers.add(provider);
    if (registries.length === 0 && held.length === 0) return unknownName('provider', provider, providers);
    for (const r of registries) {
      world.kernel.after(PROVIDER_REVERT_MS, () => {
        const moved = r.revertAliases();
        if (moved.length > 0) {
          world.changed(ctx.cause);
          world.note('escalation', `${provider} reverted ${moved.join(', ')}`);
        }
      });
    }
    for (const b of held) {
      b.accessAtMs ??= world.now + b.spec.accessMs;
      world.kernel.at(b.accessAtMs, () => {
        if (b.accessible) return;
        b.accessible = true;
        world.note('escalation', `${provider} support made snapshot ${b.spec.id} available`);
      });
    }
    ctx.wait(60_000, () => ctx.done(`case opened with ${provider}`));
  },
};

/** Retraining a production model on its full dataset: hours (four, unless the scenario says otherwise). */
export const RETRAIN_MS = 4 * 3_600_000;

/** A provider's fix of a silent model change took three days in the April 2025 incident. */
export const PROVIDER_REVERT_MS = 3 * 86_400_000;

const retrain: Verb = {
  name: 'retrain',
  usage: 'retrain MODEL [--dataset DATASET-COMPONENT]',
  summary: 'train a new model version on the dataset as it is now (hours)',
  options: ['dataset'],
  start(ctx) {
    const { world, cmd } = ctx;
    const id = cmd.args[0] ?? '';
    const c = world.components.get(id);
    if (!c || c.spec.kind !== 'model') {
      return unknownName('model', id, [...world.components.values()].filter((x) => x.spec.kind === 'model').map((x) => x.spec.id));
    }
    const datasets = [...world.components.values()].filter((x) => x.spec.kind === 'dataset');
    const dataset = cmd.options.dataset ? datasets.find((d) => d.spec.id === cmd.options.dataset) : datasets[0];
    if (!dataset) return unknownName('dataset', cmd.options.dataset ?? '', datasets.map((d) => d.spec.id));
    const registry = world.registries.get(c.spec.registry!)!;
    const ms = jittered(world, world.spec.actionMs.retrain ?? RETRAIN_MS);
    ctx.record.expectedEndMs = world.now + ms;
    world.kernel.after(ms, () => {
      const base = registry.resolve(world.versionOf(id), world.now);
      const trained = `${base.version}+${dataset.version}`;
      registry.add(trained, { ...base.attrs, dataset: dataset.version });
      world.setVersion(id, trained, ctx.cause);
      ctx.done(`${id} retrained on ${dataset.spec.id} ${dataset.version} and deployed as ${trained}`);
    });
  },
};

export const RECOVERY_VERBS: Verb[] = [restore, undelete, rebuild, revoke, compensate, escalate, retrain];
