import type { BackupScope, BackupSpec, DatabaseSpec, MigrationSpec } from './spec.js';
import { compareValues } from './versions.js';

export type DatabaseState = 'up' | 'deleting' | 'deleted' | 'restoring';

export interface Table {
  name: string;
  writeRowsPerS: number;
  updateRowsPerS: number;
  /** Rows at `sinceMs`; while the table is present they grow at the write rate. */
  rows: number;
  sinceMs: number;
  present: boolean;
  /** Rows the table held when it was lost, and when. */
  lostRows?: number;
  lostMs?: number;
  /** Soft delete: the dropped rows can be brought back until then. */
  recoverableUntilMs?: number;
  /** Share of rows stored in each format (tables that declare one). */
  formats?: Map<string, number>;
}

export interface Backup {
  spec: BackupSpec;
  takenMs: number;
  destroyedBy?: string;
  accessible: boolean;
  /** Provider-held backups: when an open escalation will make it reachable. */
  accessAtMs?: number;
}

export interface Database {
  id: string;
  spec: DatabaseSpec;
  schema: string;
  state: DatabaseState;
  tables: Table[];
  backups: Backup[];
  /** Rows a restore left behind (written after its restore point); some may be rebuilt. */
  rowsLost: number;
  rowsRebuilt: number;
  /** The team decided the rows still rebuildable will not be rebuilt: they count as lost for good. */
  writtenOff?: boolean;
  rebuildInProgress?: boolean;
  /** A restore has been started and has not finished: a second one would count the same loss twice. */
  restoreInProgress?: boolean;
  /** Rows the restore under way has already counted lost: still part of its tables' rows until it finishes. */
  restoreLoss?: number;
}

export function newDatabase(id: string, spec: DatabaseSpec, schema: string): Database {
  return {
    id,
    spec,
    schema,
    state: 'up',
    tables: spec.tables.map((t) => ({
      name: t.name,
      writeRowsPerS: t.writeRowsPerS,
      updateRowsPerS: t.updateRowsPerS,
      rows: t.rows,
      sinceMs: 0,
      present: true,
      ...(t.format ? { formats: new Map([[t.format.initial, 1]]) } : {}),
    })),
    backups: spec.backups.map((b) => ({ spec: b, takenMs: -b.ageMs, accessible: b.scope !== 'provider' })),
    rowsLost: 0,
    rowsRebuilt: 0,
  };
}

export function rowsAt(t: Table, nowMs: number): number {
  return t.present ? t.rows + (t.writeRowsPerS * (nowMs - t.sinceMs)) / 1000 : 0;
}

/** Rows a table held at an instant before the drill started or before it was lost. */
function rowsBefore(t: Table, spec: DatabaseSpec, atMs: number): number {
  const initial = spec.tables.find((x) => x.name === t.name)!;
  return Math.max(0, initial.rows + (initial.writeRowsPerS * atMs) / 1000);
}

/**
 * `dtS` seconds of writes (inserts and updates), a share of them in each format of `writes`
 * (shares adding up to 1): 1 - exp(-writes / rows) of the rows are rewritten, each format's
 * share of them landing in it. Returns true when a share moved by a thousandth or more (what
 * the stack shows).
 */
export function writeFormat(t: Table, writes: readonly (readonly [string, number])[], dtS: number, nowMs: number): boolean {
  if (!t.formats || !t.present) return false;
  const rows = Math.max(1, rowsAt(t, nowMs));
  const x = 1 - Math.exp((-(t.writeRowsPerS + t.updateRowsPerS) * dtS) / rows);
  let moved = false;
  for (const [format] of writes) if (!t.formats.has(format)) t.formats.set(format, 0);
  for (const [f, share] of t.formats) {
    const written = writes.find(([w]) => w === f)?.[1] ?? 0;
    // Of the rows touched this second, each writer's share lands in its format.
    const next = share * (1 - x) + x * written;
    if (Math.round(next * 1000) !== Math.round(share * 1000)) moved = true;
    t.formats.set(f, next);
  }
  return moved;
}

export function loseTable(t: Table, nowMs: number, softDeleteMs: number): void {
  if (!t.present) return;
  t.lostRows = Math.round(rowsAt(t, nowMs));
  t.lostMs = nowMs;
  t.present = false;
  t.rows = 0;
  t.sinceMs = nowMs;
  t.recoverableUntilMs = softDeleteMs > 0 ? nowMs + softDeleteMs : undefined;
}

/** Destroys the backups a deletion reaches: the volume's own, or everything in the account. */
export function destroyBackups(db: Database, scopes: readonly BackupScope[], by: string): string[] {
  const gone: string[] = [];
  for (const b of db.backups) {
    if (!b.destroyedBy && scopes.includes(b.spec.scope)) {
      b.destroyedBy = by;
      gone.push(b.spec.id);
    }
  }
  return gone;
}

export function lostTables(db: Database): Table[] {
  return db.tables.filter((t) => !t.present);
}

/** Brings back soft-deleted tables still inside their window; returns the names, or why not. */
export function undeleteTables(db: Database, nowMs: number): { restored: string[]; expired: string[] } {
  const restored: string[] = [];
  const expired: string[] = [];
  for (const t of lostTables(db)) {
    if (t.recoverableUntilMs !== undefined && nowMs <= t.recoverableUntilMs) {
      t.present = true;
      t.rows = t.lostRows ?? 0;
      t.sinceMs = nowMs;
      restored.push(t.name);
    } else {
      expired.push(t.name);
    }
  }
  return { restored, expired };
}

export type RestorePoint = { kind: 'backup'; backup: Backup } | { kind: 'pitr' };

/** What restoring lost tables from a point would bring back and lose, before doing it. */
export function planRestore(db: Database, point: RestorePoint): { rows: number; lost: number; durationMs: number } {
  let rows = 0;
  let lost = 0;
  for (const t of lostTables(db)) {
    const atLoss = t.lostRows ?? 0;
    const restored = point.kind === 'pitr' ? atLoss : Math.min(atLoss, Math.round(rowsBefore(t, db.spec, point.backup.takenMs)));
    rows += restored;
    lost += atLoss - restored;
  }
  return { rows, lost, durationMs: db.spec.restoreBaseMs + (rows / Math.max(1, db.spec.restoreRowsPerS)) * 1000 };
}

/** Brings lost tables back to the restore point (the caller has already counted the rows lost). */
export function applyRestore(db: Database, point: RestorePoint, nowMs: number): void {
  for (const t of lostTables(db)) {
    const atLoss = t.lostRows ?? 0;
    t.rows = point.kind === 'pitr' ? atLoss : Math.min(atLoss, Math.round(rowsBefore(t, db.spec, point.backup.takenMs)));
    t.present = true;
    t.sinceMs = nowMs;
    t.recoverableUntilMs = undefined;
  }
  db.state = 'up';
}

/**
 * Rows that are gone and may yet come back: what lost tables held, less what a restore under way
 * has already counted lost (so no row counts twice), and rows a rebuild could still bring back.
 */
export function rowsUnavailable(db: Database): number {
  const gone = lostTables(db).reduce((s, t) => s + (t.lostRows ?? 0), 0);
  return Math.max(0, gone - (db.restoreInProgress ? (db.restoreLoss ?? 0) : 0)) + rebuildableRows(db);
}

/**
 * Lost rows an outside system of record can still bring back: its share of what restores lost,
 * less what was rebuilt, unless the team wrote them off. A drill is not recovered while any remain.
 */
export function rebuildableRows(db: Database): number {
  const source = db.spec.rebuild;
  if (!source || db.writtenOff) return 0;
  return Math.max(0, Math.floor(db.rowsLost * source.fraction) - db.rowsRebuilt);
}

/** Rows no restore, rebuild or undelete can bring back any more. */
export function rowsLostForGood(db: Database): number {
  return Math.max(0, db.rowsLost - db.rowsRebuilt - rebuildableRows(db));
}

/** The chain of migrations from one schema to another, or why there is none. */
export function migrationPath(
  spec: DatabaseSpec,
  from: string,
  to: string,
): { steps: { migration: MigrationSpec; down: boolean }[] } | { error: string } {
  const steps: { migration: MigrationSpec; down: boolean }[] = [];
  const down = compareValues(to, from) < 0;
  let at = from;
  for (let guard = 0; at !== to; guard++) {
    if (guard > spec.migrations.length) return { error: `no chain of migrations leads from schema ${from} to ${to}` };
    const m = down ? spec.migrations.find((x) => x.to === at) : spec.migrations.find((x) => x.from === at);
    if (!m) return { error: `no migration ${down ? 'down from' : 'up from'} schema ${at} towards ${to}` };
    if (down && !m.reversible) {
      return { error: `migration ${m.from} -> ${m.to} is ${m.kind} and not reversible: schema ${m.to} cannot go back to ${m.from}` };
    }
    steps.push({ migration: m, down });
    at = down ? m.from : m.to;
  }
  return { steps };
}
