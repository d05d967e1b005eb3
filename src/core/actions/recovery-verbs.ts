import { applyRestore, lostTables, planRestore, rebuildableRows, undeleteTables, type Database, type RestorePoint } from '../data.js';
import { uncompensated } from '../tracker.js';
import { formatClock, formatDuration } from '../monitors.js';
import { jittered } from '../changes.js';
import type { Command } from '../commands.js';
import type { ComponentState, World } from '../world.js';
import type { Verb } from './action.js';

/** Picks the restore point: a named backup, point-in-time recovery, or the newest usable backup. */
function restorePoint(db: Database, cmd: Command): RestorePoint | string {
  const { options } = cmd;
  if (options.pitr !== undefined) {
    if (!db.spec.pitr) return `${db.id} has no point-in-time recovery`;
    if (db.state === 'deleted') return `${db.id} was deleted with its write-ahead log: point-in-time recovery needs the database`;
    return { kind: 'pitr' };
  }
  if (options.from !== undefined) {
    const b = db.backups.find((x) => x.spec.id === options.from)!;
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

const DATABASE = { name: 'DATABASE', kind: 'database' } as const;

const restore: Verb = {
  name: 'restore',
  summary: 'restore lost tables (or a deleted database) from a backup or a point in time; writes after the restore point are lost',
  args: [{ ...DATABASE, about: 'the database that lost tables, or was deleted' }],
  options: [
    { name: 'from', value: { name: 'BACKUP', kind: 'backup', of: 'DATABASE' }, about: 'the backup to restore; by default the newest one that can be reached' },
    { name: 'pitr', about: 'restore to the moment before the loss from the write-ahead log (point-in-time recovery)' },
  ],
  exclusive: [['from', 'pitr']],
  // The writes since the restore point are lost from the moment it is chosen: calling it off would bring none back.
  abort: { never: 'the rows written since its restore point are already given up, and a table stopped halfway would hold neither the old rows nor the backup’s; let it finish' },
  check(world, cmd) {
    const db = world.databases.get(cmd.args[0]!)!;
    if (lostTables(db).length === 0 && db.state !== 'deleted') return `${db.id} has lost nothing to restore`;
    if (db.restoreInProgress) return `a restore of ${db.id} is already under way: wait for it to finish`;
    const point = restorePoint(db, cmd);
    return typeof point === 'string' ? point : undefined;
  },
  start(ctx) {
    const { world } = ctx;
    const db = world.databases.get(ctx.cmd.args[0]!)!;
    const point = restorePoint(db, ctx.cmd) as RestorePoint;
    const plan = planRestore(db, point);
    const from = point.kind === 'pitr' ? 'the moment before the loss' : `backup ${point.backup.spec.id} (taken ${formatDuration(-point.backup.takenMs)} before the drill)`;
    // Rows written after the restore point are gone from the moment that point is chosen.
    db.rowsLost += plan.lost;
    db.restoreInProgress = true;
    db.restoreLoss = plan.lost;
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
        db.restoreLoss = 0;
        world.changed(ctx.cause);
        ctx.done(`${db.id} restored from ${from}; ${plan.lost} rows lost`);
      });
    });
  },
};

const undelete: Verb = {
  name: 'undelete',
  summary: 'bring back soft-deleted tables, or cancel a delayed delete, while the window is open',
  args: [{ ...DATABASE, about: 'the database whose tables were dropped, or whose delete is pending' }],
  options: [],
  start(ctx) {
    const { world } = ctx;
    const db = world.databases.get(ctx.cmd.args[0]!)!;
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
  summary: 'reconstruct lost rows from an outside system of record (a payment provider’s history)',
  args: [{ ...DATABASE, about: 'the database whose restore lost rows' }],
  options: [],
  abort: { never: 'it changes nothing that serves, and what people have reconstructed by hand is kept; let it finish, or write off what is left after' },
  check(world, cmd) {
    const db = world.databases.get(cmd.args[0]!)!;
    if (!db.spec.rebuild) return `nothing outside ${db.id} holds its rows`;
    if (db.state !== 'up' || lostTables(db).length > 0) return `${db.id} must be restored before lost rows can be rebuilt into it`;
    if (db.rebuildInProgress) return `a rebuild of ${db.id} is already under way: wait for it to finish`;
    if (rebuildableRows(db) <= 0) return `${db.id} has no lost rows ${db.spec.rebuild.source} can rebuild`;
    return undefined;
  },
  start(ctx) {
    const { world } = ctx;
    const db = world.databases.get(ctx.cmd.args[0]!)!;
    const source = db.spec.rebuild!;
    const missing = db.rowsLost - db.rowsRebuilt;
    // The outside system holds only its share of what was lost, however often it is asked.
    const rows = rebuildableRows(db);
    const ms = (rows / source.rowsPerS) * 1000;
    db.rebuildInProgress = true;
    ctx.record.expectedEndMs = world.now + ms;
    world.kernel.after(ms, () => {
      db.rowsRebuilt += Math.min(rows, rebuildableRows(db));
      db.rebuildInProgress = false;
      world.changed(ctx.cause);
      ctx.done(`${rows} of ${missing} lost rows rebuilt from ${source.source}; ${missing - rows} are not there to rebuild`);
    });
  },
};

const revoke: Verb = {
  name: 'revoke',
  summary: 'revoke an agent’s token so it can do nothing more',
  args: [{ name: 'AGENT', kind: 'agent', about: 'the agent whose token to revoke' }],
  options: [],
  start(ctx) {
    const id = ctx.cmd.args[0]!;
    const agent = ctx.world.agents.get(id)!;
    ctx.wait(10_000, () => {
      agent.revoked = true;
      ctx.done(`${id}'s token revoked`);
    });
  },
};

/**
 * Declares what will not be brought back: a database's rows still rebuildable, or compensatable
 * side effects still uncompensated. A drill can then recover without them; they count as lost
 * (rows) or left standing (side effects) in the report and the score.
 */
const writeOff: Verb = {
  name: 'write-off',
  summary: 'decide not to bring back what could still be: a database’s rebuildable rows, or uncompensated side effects of a kind',
  args: [{ name: 'DATABASE|KIND', kind: ['database', 'side-effect'], about: 'the database whose rebuildable rows to write off, or the kind of compensatable side effect' }],
  options: [],
  check(world, cmd) {
    const name = cmd.args[0]!;
    const db = world.databases.get(name);
    if (db) return rebuildableRows(db) > 0 ? undefined : `${db.id} has no rebuildable rows to write off`;
    return undefined;
  },
  start(ctx) {
    const name = ctx.cmd.args[0]!;
    ctx.wait(30_000, () => {
      const db = ctx.world.databases.get(name);
      if (db) {
        const rows = rebuildableRows(db);
        db.writtenOff = true;
        ctx.world.changed(ctx.cause);
        return ctx.done(`${rows} rows of ${db.id} written off: they will not be rebuilt`);
      }
      let n = 0;
      for (const t of ctx.tracker.sideEffects.values()) {
        if (t.kind !== name) continue;
        const left = uncompensated(t);
        t.writtenOff += left;
        n += left;
      }
      ctx.done(`${n} ${name} side effects written off: they will not be compensated`);
    });
  },
};

const compensate: Verb = {
  name: 'compensate',
  summary: 'run forward corrections for compensatable side effects (refunds, follow-up emails)',
  args: [{ name: 'KIND', kind: 'side-effect', optional: true, about: 'only this kind of side effect; every compensatable kind when absent' }],
  options: [],
  start(ctx) {
    const kind = ctx.cmd.args[0];
    ctx.wait(300_000, () => {
      let n = 0;
      for (const t of ctx.tracker.sideEffects.values()) {
        if (t.class !== 'compensatable' || (kind && t.kind !== kind)) continue;
        n += uncompensated(t);
        t.compensated = t.count - t.writtenOff;
      }
      ctx.done(`${n} side effects compensated`);
    });
  },
};

/** Provider support: reverts the provider's aliases after days, opens provider-held backups after their access time. */
const escalate: Verb = {
  name: 'escalate',
  summary: 'open a case with a provider: it may revert its change or hand over a snapshot, on its own schedule',
  args: [{ name: 'PROVIDER', kind: 'provider', about: 'the model provider, or whoever holds a snapshot' }],
  options: [],
  start(ctx) {
    const { world } = ctx;
    const provider = ctx.cmd.args[0]!;
    const registries = [...world.registries.values()].filter((r) => r.spec.provider === provider);
    const held = [...world.databases.values()].flatMap((db) => db.backups.filter((b) => b.spec.scope === 'provider' && !b.accessible));
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

/** The dataset named, or the system's first. */
function trainingSet(world: World, cmd: Command): ComponentState | undefined {
  const datasets = [...world.components.values()].filter((x) => x.spec.kind === 'dataset');
  return cmd.options.dataset ? datasets.find((d) => d.spec.id === cmd.options.dataset) : datasets[0];
}

const retrain: Verb = {
  name: 'retrain',
  summary: 'train a new model version on the dataset as it is now (hours)',
  args: [{ name: 'MODEL', kind: 'model', about: 'the model to retrain' }],
  options: [{ name: 'dataset', value: { name: 'DATASET', kind: 'dataset' }, about: 'the dataset component to train on; by default the system’s first' }],
  check(world, cmd) {
    return trainingSet(world, cmd) ? undefined : 'this system has no dataset to train on';
  },
  start(ctx) {
    const { world, cmd } = ctx;
    const id = cmd.args[0]!;
    const c = world.component(id);
    const dataset = trainingSet(world, cmd)!;
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

export const RECOVERY_VERBS: Verb[] = [restore, undelete, rebuild, revoke, compensate, writeOff, escalate, retrain];
