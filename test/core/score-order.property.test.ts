import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreInput, type DrillResult } from '../../src/core/result.js';
import { exactScore, type ScoreInput } from '../../src/core/scoring.js';
import { baseWorld } from '../../src/drill/fuzz/base-world.js';
import { incidentArbitrary, incidentScenario } from '../../src/drill/fuzz/incident.js';
import { LIBRARY, runCase } from '../drill-cases.js';
import { playbook, scenario } from '../helpers.js';

/**
 * What an engineer compares two drills of one incident on, each "more is worse": never
 * recovering is the longest outage of all.
 */
function costs(i: ScoreInput): number[] {
  return [i.outageMs ?? Number.POSITIVE_INFINITY, i.userMinutes, i.rowsMissing, i.sideEffectsLeft, i.unnecessaryRollbacks, i.actionsFailed];
}

/** A is no better than B on any cost and worse on at least one. */
function dominated(a: ScoreInput, b: ScoreInput): boolean {
  const ca = costs(a);
  const cb = costs(b);
  return ca.every((x, k) => x >= cb[k]!) && ca.some((x, k) => x > cb[k]!);
}

/**
 * Several drills of one world: its naive and reference playbooks on the scenario as written and
 * on incidents generated over its base world, on random seeds.
 */
const drillsOfOneWorld = fc.constantFrom(...LIBRARY).chain((id) => {
  const written = scenario(id);
  const base = baseWorld(written).scenario;
  const one = fc.record({
    kind: fc.constantFrom('naive', 'reference') as fc.Arbitrary<'naive' | 'reference'>,
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    incident: fc.option(incidentArbitrary(base), { nil: undefined, freq: 3 }),
  });
  return fc.array(one, { minLength: 3, maxLength: 4 }).map((drills) => ({ id, base, written, drills }));
});

describe('the score orders drills of one incident as an engineer would', () => {
  it('scores A lower than B whenever A is no better on outage, harm, data, side effects, needless rollbacks and failed actions, and worse on one', () => {
    let pairs = 0;
    fc.assert(
      fc.property(drillsOfOneWorld, ({ id, base, written, drills }) => {
        const results: { label: string; r: DrillResult }[] = drills.map((d) => {
          // Generated incidents run on the base world, the written one on its own: compare like with like.
          const world = d.incident ? incidentScenario(base, d.incident) : written;
          const label = `${id} ${d.kind} seed ${d.incident?.seed ?? d.seed}${d.incident ? ` faults ${JSON.stringify(d.incident.faults)}` : ''}`;
          const r = runCase({ label, scenario: world, playbook: playbook(written.meta.playbooks[d.kind]), seed: d.incident?.seed ?? d.seed }).result();
          return { label, r };
        });
        for (const a of results) {
          for (const b of results) {
            const ia = scoreInput(a.r);
            const ib = scoreInput(b.r);
            if (ia.targetMs !== ib.targetMs || !dominated(ia, ib)) continue;
            pairs++;
            const why = `${a.label} ${JSON.stringify(costs(ia))} against ${b.label} ${JSON.stringify(costs(ib))}`;
            expect(exactScore(ia), why).toBeLessThan(exactScore(ib));
            expect(a.r.score, why).toBeLessThanOrEqual(b.r.score!);
          }
        }
      }),
      { numRuns: 25 },
    );
    // The property says something only if some drills were ordered.
    expect(pairs).toBeGreaterThan(0);
  }, 240_000);

  it('scores the reference playbook at least as high as the naive one where the naive one rolls back for nothing or gives up on the data', () => {
    for (const id of ['transient-spike', 'terraform-destroy']) {
      const s = scenario(id);
      for (const seed of [1, 2, 3, 4, 5]) {
        const naive = runCase({ label: id, scenario: s, playbook: playbook(s.meta.playbooks.naive), seed }).result();
        const reference = runCase({ label: id, scenario: s, playbook: playbook(s.meta.playbooks.reference), seed }).result();
        expect(reference.score, `${id} seed ${seed}`).toBeGreaterThanOrEqual(naive.score!);
      }
    }
  }, 120_000);
});
