import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands.js';
import { Drill } from '../../src/core/drill.js';
import { drillResult } from '../../src/core/result.js';
import { loadScenario } from '../../src/formats/scenario.js';

/**
 * A shop whose agent deletes the orders database: the offsite export is a day old, the payment
 * provider holds 80% of the orders written since, and every request while the database is gone
 * charges a customer twice (refunds can make that good).
 */
const SHOP = `id: shop
title: Orders deleted, restored, rebuilt
layers: [serving, data]
source: { incident: none, article: none }
briefing: An agent deletes the orders database.
hints: [one, two, three]
lesson: Recovery includes the data.
playbooks: { naive: none, reference: none }
horizon: 12h
components:
  shop-api: { layer: serving, kind: config, versions: ["1"] }
  orders-db:
    layer: data
    kind: database
    versions: ["1"]
    database:
      tables: [{ name: orders, rows: 100000, writesPerS: 0.1 }]
      restoreBase: 10m
      restoreRowsPerS: 1000
      backups: [{ id: export, age: 1d, scope: offsite }]
      rebuild: { source: the payment provider, fraction: 0.8, rowsPerS: 2 }
releases:
  r1: { shop-api: "1", orders-db: "1" }
initial: r1
traffic: { rps: 10, latency: { median: 50ms } }
agents:
  cleaner: { privileges: [volume:delete] }
rules:
  - id: no-orders
    when: { orders-db.state: "!= up" }
    effect: { errorRate: 1, sideEffects: [{ kind: double-charge, class: compensatable, perRequest: 0.05 }] }
    explain: the shop has no orders database
slos: { errorRate: { max: 0.01, window: 30s } }
monitors: [{ id: errors, metric: errorRate, above: 0.05, window: 1m }]
faults:
  - { at: 1m, agent: cleaner, action: { kind: delete-volume, database: orders-db, bypassDelayedDelete: true } }
`;

function shop(): Drill {
  return new Drill(loadScenario(SHOP, 'shop.yaml').spec, 7);
}

/** Submits a command now and runs the drill until it has finished. */
function run(drill: Drill, text: string): void {
  const cmd = parseCommand(text);
  if ('error' in cmd) throw new Error(cmd.error);
  const record = drill.submit(cmd, 'test');
  expect(record.status, `${text}: ${record.reason}`).not.toBe('rejected');
  while (record.status === 'running' && !drill.done) drill.advance(10_000);
  expect(record.status, `${text}: ${record.reason}`).toBe('done');
}

describe('recovery includes the data', () => {
  it('is not reached when the service is back but rows that can be rebuilt are not', () => {
    const drill = shop();
    drill.advance(180_000);
    run(drill, 'restore orders-db');
    run(drill, 'compensate');
    drill.advance(600_000);
    expect(drill.tracker.mitigateMs).toBeDefined();
    expect(drill.tracker.recovered).toBe(false);
    const r = drillResult(drill);
    // A day of writes at 0.1 a second, and the minute before the delete: 8,646 rows, 80% rebuildable.
    expect(r.counts.rowsLost + r.counts.rowsUnavailable).toBe(8646);
    expect(r.counts.rowsUnavailable).toBe(6916);
    expect(r.reasons.join('\n')).toMatch(/6916 rows of orders-db could still be rebuilt from the payment provider: not recovered until they are/);
  });

  it('is reached once the rebuild is done, with what no one can bring back reported lost for good', () => {
    const drill = shop();
    drill.advance(180_000);
    run(drill, 'restore orders-db');
    run(drill, 'compensate');
    run(drill, 'rebuild orders-db');
    drill.advance(120_000);
    expect(drill.tracker.recovered).toBe(true);
    const r = drillResult(drill);
    expect(r.counts.rowsLost).toBe(1730);
    expect(r.counts.rowsUnavailable).toBe(0);
    expect(r.reasons).toContain('1730 rows of orders-db are lost for good: written after the restore point, beyond what the payment provider holds');
    expect(r.reasons).toContain('6916 rows of orders-db rebuilt from the payment provider');
  });

  it('rebuilds only the share the outside system holds, however often it is asked', () => {
    const drill = shop();
    drill.advance(180_000);
    run(drill, 'restore orders-db');
    run(drill, 'rebuild orders-db');
    const again = drill.submit({ verb: 'rebuild', args: ['orders-db'], options: {} }, 'test');
    expect(again.status).toBe('rejected');
    expect(again.reason).toBe('orders-db has no lost rows the payment provider can rebuild');
    expect(drill.world.databases.get('orders-db')!.rowsRebuilt).toBe(6916);
  });

  it('refuses to rebuild into a database that is not back yet', () => {
    const drill = shop();
    drill.advance(180_000);
    const r = drill.submit({ verb: 'rebuild', args: ['orders-db'], options: {} }, 'test');
    expect(r.reason).toBe('orders-db must be restored before lost rows can be rebuilt into it');
  });

  it('is reached without the rebuild once the team writes those rows off, which count as lost', () => {
    const drill = shop();
    drill.advance(180_000);
    run(drill, 'restore orders-db');
    run(drill, 'compensate double-charge');
    run(drill, 'write-off orders-db');
    drill.advance(120_000);
    expect(drill.tracker.recovered).toBe(true);
    const r = drillResult(drill);
    expect(r.counts.rowsLost).toBe(8646);
    expect(r.reasons).toContain('8646 rows of orders-db are lost for good: written after the restore point, beyond what the payment provider holds or was written off');
  });

  it('waits for compensatable side effects to be compensated or written off', () => {
    const drill = shop();
    drill.advance(180_000);
    run(drill, 'restore orders-db');
    run(drill, 'write-off orders-db');
    drill.advance(300_000);
    expect(drill.tracker.recovered).toBe(false);
    expect(drillResult(drill).reasons.join('\n')).toMatch(/\d+ double-charge side effects not compensated: not recovered until they are \(compensate double-charge\) or written off/);
    run(drill, 'write-off double-charge');
    drill.advance(120_000);
    expect(drill.tracker.recovered).toBe(true);
    const r = drillResult(drill);
    const tally = r.counts.sideEffects.find((t) => t.kind === 'double-charge')!;
    expect(tally.writtenOff).toBe(tally.count);
    expect(r.penalties.find((p) => p.id === 'side-effects')!.explain).toBe(`${tally.count} side effects nobody undid (irreversible, or never compensated)`);
  });
});
