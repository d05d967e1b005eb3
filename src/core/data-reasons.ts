import { rebuildableRows, rowsLostForGood } from './data.js';
import type { Drill } from './drill.js';
import { uncompensated } from './tracker.js';

/** What became of the data and of compensatable side effects: lost for good, rebuilt, still to bring back. */
export function dataReasons(drill: Drill): string[] {
  const out: string[] = [];
  for (const db of drill.world.databases.values()) {
    const source = db.spec.rebuild?.source;
    const gone = rowsLostForGood(db);
    if (gone > 0) {
      const beyond = source ? `, beyond what ${source} holds${db.writtenOff ? ' or was written off' : ''}` : '';
      out.push(`${gone} rows of ${db.id} are lost for good: written after the restore point${beyond}`);
    }
    if (db.rowsRebuilt > 0) out.push(`${db.rowsRebuilt} rows of ${db.id} rebuilt from ${source}`);
    const left = rebuildableRows(db);
    if (left > 0) out.push(`${left} rows of ${db.id} could still be rebuilt from ${source}: not recovered until they are (rebuild ${db.id}) or written off (write-off ${db.id})`);
  }
  for (const t of drill.tracker.sideEffects.values()) {
    const left = uncompensated(t);
    if (left > 0) out.push(`${left} ${t.kind} side effects not compensated: not recovered until they are (compensate ${t.kind}) or written off (write-off ${t.kind})`);
    if (t.writtenOff > 0) out.push(`${t.writtenOff} ${t.kind} side effects written off, never compensated`);
  }
  return out;
}
