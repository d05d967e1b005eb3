import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands.js';
import { Drill } from '../../src/core/drill.js';
import { loadScenario } from '../../src/formats/scenario.js';

interface DataWorld {
  /** Rows written per second to each of two tables. */
  writesPerS: [number, number];
  backupAgesS: [number, number];
  dropAtS: number;
  /** Which tables the agent drops (the second only when asked). */
  dropBoth: boolean;
}

/** A world whose agent drops tables an application writes to, with two backups and point-in-time recovery. */
function dataWorld(w: DataWorld): string {
  const drops = [`  - { at: ${w.dropAtS}s, agent: helper, action: { kind: drop-table, database: db, table: orders } }`];
  if (w.dropBoth) drops.push(`  - { at: ${w.dropAtS}s, agent: helper, action: { kind: drop-table, database: db, table: users } }`);
  return `id: data-loss-world
title: Tables dropped by an agent and restored
layers: [serving, data]
source: { incident: none, article: none }
briefing: An agent with DDL rights drops tables the application writes to.
hints: [one, two, three]
lesson: Rows written after the restore point are gone.
playbooks: { naive: none, reference: none }
horizon: 12h
components:
  app: { layer: serving, kind: config, versions: ["1"] }
  db:
    layer: data
    kind: database
    versions: ["1"]
    database:
      tables:
        - { name: orders, rows: 50000, writesPerS: ${w.writesPerS[0]} }
        - { name: users, rows: 1000, writesPerS: ${w.writesPerS[1]} }
      restoreBase: 5m
      restoreRowsPerS: 2000
      pitr: true
      backups:
        - { id: recent, age: ${w.backupAgesS[0]}s, scope: offsite }
        - { id: older, age: ${w.backupAgesS[1]}s, scope: account }
releases:
  r1: { app: "1", db: "1" }
initial: r1
traffic: { rps: 5, latency: { median: 50ms } }
rules:
  - { id: orders-gone, when: { db.tables.orders: dropped }, effect: { errorRate: 0.5 }, explain: orders are gone }
slos: { errorRate: { max: 0.01 } }
agents:
  helper: { privileges: ["sql:ddl"] }
faults:
${drops.join('\n')}
`;
}

const world = fc.record({
  writesPerS: fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5 })),
  backupAgesS: fc.tuple(fc.integer({ min: 60, max: 7200 }), fc.integer({ min: 7200, max: 172_800 })),
  dropAtS: fc.integer({ min: 0, max: 1200 }),
  dropBoth: fc.boolean(),
});

/** Operators restoring, perhaps more than once, perhaps while a restore still runs. */
const restores = fc.array(fc.record({ afterS: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 900 })), from: fc.constantFrom('--from recent', '--from older', '--pitr') }), {
  minLength: 1,
  maxLength: 3,
});

describe('restoring lost tables', () => {
  it('never loses more rows than were written after the restore point, however often it is asked', () => {
    fc.assert(
      fc.property(world, restores, fc.integer({ min: 0, max: 1000 }), (w, steps, seed) => {
        const drill = new Drill(loadScenario(dataWorld(w), 'data-loss-world.yaml').spec, seed);
        const dropMs = w.dropAtS * 1000;
        drill.advance(dropMs + 1);
        for (const step of steps) {
          if (drill.done) break;
          drill.advance(step.afterS * 1000);
          if (drill.done) break;
          const cmd = parseCommand(`restore db ${step.from}`);
          if ('error' in cmd) throw new Error(cmd.error);
          drill.submit(cmd, 'test');
        }
        while (drill.actions.inFlight > 0 && !drill.done) drill.advance(60_000);
        const db = drill.world.databases.get('db')!;
        // The oldest point any restore could have used: the older backup.
        const sinceS = w.dropAtS + w.backupAgesS[1];
        const written = w.writesPerS[0] * sinceS + (w.dropBoth ? w.writesPerS[1] * sinceS : 0);
        const what = JSON.stringify({ w, steps, seed, rowsLost: db.rowsLost, written });
        expect(db.rowsLost, what).toBeGreaterThanOrEqual(0);
        // One row of rounding per table dropped.
        expect(db.rowsLost, what).toBeLessThanOrEqual(written + 2);
        if (steps.every((s) => s.from === '--pitr')) expect(db.rowsLost, what).toBe(0);
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('refuses a second restore while one is under way, so the same loss is not counted twice', () => {
    const drill = new Drill(loadScenario(dataWorld({ writesPerS: [2, 0], backupAgesS: [600, 7200], dropAtS: 60, dropBoth: false }), 'data-loss-world.yaml').spec, 1);
    drill.advance(61_000);
    const restore = (from: string) => {
      const cmd = parseCommand(`restore db --from ${from}`);
      if ('error' in cmd) throw new Error(cmd.error);
      return drill.submit(cmd, 'test');
    };
    expect(restore('recent').status).toBe('running');
    const again = restore('older');
    expect(again.status).toBe('rejected');
    expect(again.reason).toMatch(/a restore of db is already under way/);
    while (drill.actions.inFlight > 0) drill.advance(10_000);
    // Rows written between the recent backup and the drop: 2 per second over 600 + 60 s.
    expect(drill.world.databases.get('db')!.rowsLost).toBe(1320);
  }, 30_000);
});
