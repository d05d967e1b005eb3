import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../src/core/actions/action.js';
import { planRelease } from '../../src/core/changes.js';
import { parseCommand, type Command } from '../../src/core/commands.js';
import { Drill } from '../../src/core/drill.js';
import { LIBRARY } from '../drill-cases.js';
import { scenario } from '../helpers.js';

/** A rollout in a full pool may take a quarter of the pods down, as the reference playbooks allow. */
const ROLLOUT = '--max-unavailable 25%';
const ACTION_LIMIT_MS = 45 * 60_000;

function command(text: string): Command {
  const parsed = parseCommand(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

/** Submits a command and lets the world run until it has finished (or the drill has). */
function perform(drill: Drill, text: string): ActionRecord {
  const record = drill.submit(command(text), 'test');
  const until = drill.now + ACTION_LIMIT_MS;
  while (record.status === 'running' && !drill.done && drill.now < until) drill.advance(1000);
  return record;
}

interface Moment {
  drill: Drill;
  release: string;
  /** Components the release would change, with their versions in it. */
  changes: [string, string][];
}

/** A library drill some time after its last fault, and the release a rollback would return to. */
function momentOf(id: string, seed: number, delayMs: number): Moment | undefined {
  const spec = scenario(id).spec;
  const drill = new Drill(spec, seed);
  drill.advance(Math.max(0, ...spec.faults.map((f) => f.atMs)) + delayMs);
  if (drill.done) return undefined;
  const world = drill.world;
  const current = world.currentRelease() ?? world.releaseHistory.at(-1);
  const release = [...world.releaseHistory].reverse().find((r) => r !== current);
  if (release === undefined) return undefined;
  const changes = Object.entries(world.release(release).versions).filter(([c, v]) => world.versionOf(c) !== v);
  return { drill, release, changes };
}

const unstableRules = (drill: Drill): string[] => drill.tracker.unstable.map((u) => u.rule);

/** The scenarios whose rollback changes several components: where one unit and one at a time differ. */
const BATCHED = LIBRARY.filter((id) => (momentOf(id, 1, 180_000)?.changes.length ?? 0) >= 2);

const moments = fc.record({ id: fc.constantFrom(...BATCHED), seed: fc.integer({ min: 0, max: 100_000 }), delayS: fc.integer({ min: 0, max: 600 }) });

describe('rolling back a release', () => {
  it('as one unit never enters an unstable state when some order of its phases avoids them all, where one component at a time may', () => {
    let compared = 0;
    let sequentialUnstable = 0;
    fc.assert(
      fc.property(moments, fc.nat(), ({ id, seed, delayS }, order) => {
        const atomic = momentOf(id, seed, delayS * 1000);
        // A release that changes one component is the same change whichever way it is made.
        if (!atomic || atomic.changes.length < 2 || planRelease(atomic.drill.world, Object.fromEntries(atomic.changes)).risk !== undefined) return;
        perform(atomic.drill, `rollback-release ${atomic.release} ${ROLLOUT}`);
        expect(unstableRules(atomic.drill), `${id} seed ${seed} +${delayS}s`).toEqual([]);

        const sequential = momentOf(id, seed, delayS * 1000)!;
        const changes = [...sequential.changes];
        const first = changes.splice(order % changes.length, 1);
        for (const [component, version] of [...first, ...changes]) {
          if (perform(sequential.drill, `rollback ${component} ${version} ${ROLLOUT}`).status !== 'done' || sequential.drill.done) break;
        }
        compared++;
        if (unstableRules(sequential.drill).length > 0) sequentialUnstable++;
      }),
      { numRuns: 40 },
    );
    // The comparison was made, and one component at a time did pass through unstable states.
    expect(BATCHED).toContain('batched-change-rollback');
    expect(compared).toBeGreaterThan(10);
    expect(sequentialUnstable).toBeGreaterThan(0);
  }, 60_000);

  it('one setting at a time passes through the states the batched change avoids as one unit', () => {
    const atomic = momentOf('batched-change-rollback', 1, 180_000)!;
    expect(atomic.changes.map(([c]) => c).sort()).toEqual(['conn-pool', 'lb-routing']);
    expect(perform(atomic.drill, `rollback-release ${atomic.release}`).status).toBe('done');
    expect(unstableRules(atomic.drill)).toEqual([]);
    for (const reversed of [false, true]) {
      const sequential = momentOf('batched-change-rollback', 1, 180_000)!;
      const changes = reversed ? [...sequential.changes].reverse() : sequential.changes;
      for (const [c, v] of changes) expect(perform(sequential.drill, `rollback ${c} ${v}`).status).toBe('done');
      expect(unstableRules(sequential.drill).length, changes.map(([c]) => c).join(' then ')).toBeGreaterThan(0);
    }
  }, 30_000);
});
