import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsAt } from '../../src/core/data.js';
import type { FlowOutcome } from '../../src/core/traffic.js';
import { Session } from '../../src/drill/session.js';
import { drillCase, runCase } from '../drill-cases.js';
import { recountDifferences } from './fleet-recount.js';

/** Whole drills are costly: enough cases to cover the library and its incidents, few enough for CI. */
const RUNS = { numRuns: 24 };

const resultJson = (s: Session): string => JSON.stringify(s.result());

/** Checked every simulated second: plain comparisons, with the message built only on failure. */
function check(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}
const equal = (a: unknown, b: unknown, message: () => string): void => check(a === b, () => `${message()}: ${String(a)} != ${String(b)}`);
const atMost = (a: number, b: number, message: () => string): void => check(a <= b, () => `${message()}: ${a} > ${b}`);

describe('whole drills', () => {
  it('give the same result for the same scenario, playbook, incident and seed', () => {
    fc.assert(
      fc.property(drillCase, (c) => {
        expect(resultJson(runCase(c)), c.label).toBe(resultJson(runCase(c)));
      }),
      { numRuns: 12 },
    );
  }, 60_000);

  it('end where they would whatever steps the clock is advanced in (any speed, any driver)', () => {
    fc.assert(
      fc.property(drillCase, fc.array(fc.integer({ min: 1, max: 900_000 }), { minLength: 1, maxLength: 8 }), (c, steps) => {
        const original = runCase(c);
        const again = new Session(c.scenario, c.seed);
        for (const m of original.watched) again.watched.add(m);
        let i = 0;
        const step = (): number => steps[i++ % steps.length]!;
        for (const entry of original.journal) {
          while (!again.done && again.now < entry.atMs) again.advance(Math.min(step(), entry.atMs - again.now));
          expect(again.now, c.label).toBe(entry.atMs);
          if (entry.kind === 'command') again.submit(entry.command, entry.by);
        }
        while (!again.done) again.advance(step());
        expect(resultJson(again), c.label).toBe(resultJson(original));
      }),
      { numRuns: 12 },
    );
  }, 60_000);

  it('conserve requests per route per second: arrived and queued before = served, rejected and queued after', () => {
    fc.assert(
      fc.property(drillCase, (c) => {
        const last = new Map<string, FlowOutcome>();
        let arrived = 0;
        let seconds = 0;
        const session = runCase(c, (s) =>
          s.drill.onFlow((route, o) => {
            seconds++;
            const at = (what: string): string => `${c.label} / ${route} at ${s.now} ms: ${what} ${JSON.stringify({ ...o, latency: undefined })}`;
            equal(o.arrivals + o.retries + o.queueBefore, o.served + o.rejected + o.queueAfter, () => at('arrived + queued before vs served + rejected + queued after'));
            // Every served request errors, times out, or answers (itself or through the fallback).
            equal(o.errors + o.timeouts + (o.ok - o.rescued), o.served, () => at('errors + timeouts + answers vs served'));
            atMost(o.rescued, o.fallbackTried, () => at('rescued vs sent to the fallback'));
            atMost(o.fallbackTried, o.errors + o.timeouts, () => at('sent to the fallback vs failed'));
            atMost(o.good, o.ok, () => at('good vs answered'));
            if (Number.isFinite(o.capacityRps)) atMost(o.served, Math.round(o.capacityRps), () => at('served vs capacity'));
            for (const n of [o.arrivals, o.retries, o.queueAfter, o.served, o.rejected, o.errors, o.timeouts, o.ok, o.good, o.rescued]) {
              check(Number.isInteger(n) && n >= 0, () => at('a count that is not a whole number >= 0'));
            }
            // The queue a route ends one second with is the one it starts the next with, and only
            // requests that failed come back as retries.
            const before = last.get(route);
            equal(o.queueBefore, before?.queueAfter ?? 0, () => at('queue before vs the queue after of its previous second'));
            atMost(o.retries, before ? before.errors + before.timeouts - before.rescued + before.rejected : 0, () => at('retries vs failures of its previous second'));
            // The outcome object is reused next second: keep a copy.
            last.set(route, { ...o });
            arrived += o.arrivals + o.retries;
          }),
        );
        expect(seconds, c.label).toBeGreaterThan(0);
        expect(session.drill.tracker.requests, c.label).toBe(arrived);
      }),
      RUNS,
    );
  }, 60_000);

  it('never count below zero or past a capacity: slots, pods, queues, route weights, rows', () => {
    fc.assert(
      fc.property(drillCase, (c) => {
        let seconds = 0;
        runCase(c, (s) =>
          s.drill.onTick(() => {
            const { world, tracker } = s.drill;
            const at = (what: string): string => `${c.label} at ${s.now} ms: ${what}`;
            for (const pool of world.fleet.pools.values()) {
              let holding = 0;
              for (const d of world.fleet.deployments.values()) if (d.spec.pool === pool.id) for (const p of d.pods) if (p.holdsSlot) holding++;
              check(pool.used >= 0 && pool.used <= pool.slots, () => at(`pool ${pool.id} uses ${pool.used} of ${pool.slots} slots`));
              equal(pool.used, holding, () => at(`pool ${pool.id}: slots used vs pods holding one`));
              for (const p of pool.waiting) equal(p.phase, 'pending', () => at(`pod ${p.id} waits for a slot`));
            }
            let total = 0;
            for (const r of world.routes) {
              check(r.weight >= 0 && r.weight <= 1, () => at(`route ${r.name} weight ${r.weight}`));
              total += r.weight;
              check(r.flow.queue >= 0, () => at(`route ${r.name} queue ${r.flow.queue}`));
              for (const n of r.flow.retries) check(Number.isInteger(n) && n >= 0, () => at(`route ${r.name} retries ${r.flow.retries}`));
            }
            check(Math.abs(total - 1) < 1e-9, () => at(`route weights add up to ${total}`));
            for (const db of world.databases.values()) {
              for (const t of db.tables) check(rowsAt(t, world.now) >= 0, () => at(`${db.id}.${t.name} holds ${rowsAt(t, world.now)} rows`));
              check(db.rowsLost >= 0 && db.rowsRebuilt <= db.rowsLost, () => at(`${db.id}: ${db.rowsLost} rows lost, ${db.rowsRebuilt} rebuilt`));
            }
            check(tracker.failed >= 0 && tracker.failed <= tracker.requests, () => at(`${tracker.failed} failed of ${tracker.requests} requests`));
            check(tracker.badResponses >= 0, () => at(`${tracker.badResponses} bad responses`));
            seconds++;
          }),
        );
        expect(seconds, c.label).toBeGreaterThan(0);
      }),
      RUNS,
    );
  }, 60_000);

  it('keep pod counts equal to a full recount of the pods whenever the fleet changed', () => {
    fc.assert(
      fc.property(drillCase, (c) => {
        let checked = 0;
        let seenEpoch = -1;
        runCase(c, (s) =>
          s.drill.onTick(() => {
            const { fleet } = s.drill.world;
            if (fleet.epoch === seenEpoch) return;
            seenEpoch = fleet.epoch;
            const differences = recountDifferences(fleet);
            check(differences.length === 0, () => `${c.label} at ${s.now} ms: ${differences.join('; ')}`);
            checked++;
          }),
        );
        expect(checked, c.label).toBeGreaterThan(0);
      }),
      RUNS,
    );
  }, 60_000);
});
