import { describe, expect, it } from 'vitest';
import { drill, scenario, SEEDS } from '../helpers.js';

/**
 * Each incident, over seeds 1 to 20: the naive playbook misses the target for the reason the
 * real incident did, read from the report; the reference playbook meets it.
 */
const INCIDENTS: { id: string; reasons: RegExp[]; check?: (r: ReturnType<typeof drill>) => void }[] = [
  {
    id: 'payment-schema-rollback',
    reasons: [/200 pods of 2\.14 in CrashLoopBackOff/, /Pending: no free slot/, /pool payments 200\/200 slots used/],
  },
  {
    id: 'model-feature-skew',
    reasons: [/still in force: the ranker receives embeddings from a space it was not trained on/, /quality 0\.\d+ \(SLO >= 0\.9\)/],
  },
  {
    id: 'silent-provider-update',
    reasons: [/impact was never detected/, /nothing watches sycophancy/],
  },
  {
    id: 'shared-timeout-budget',
    reasons: [/reached it with no time left: it shares the primary's timeout budget/],
  },
  {
    id: 'batched-change-rollback',
    reasons: [/unstable state entered at .*routing v1 pins clients/, /over the 5:00 target/],
    check: (r) => expect(r.counts.unstableStates.length).toBeGreaterThanOrEqual(1),
  },
];

describe.each(INCIDENTS)('$id', ({ id, reasons, check }) => {
  const { naive, reference } = scenario(id).meta.playbooks;

  it(`the naive playbook (${naive}) misses the target for the incident's own reason, seeds 1-20`, () => {
    for (const seed of SEEDS) {
      const r = drill(id, naive, seed);
      expect(r.verdict, `seed ${seed}`).toBe('FAIL');
      const text = r.reasons.join('\n');
      for (const reason of reasons) expect(text, `seed ${seed}`).toMatch(reason);
      check?.(r);
    }
  }, 60_000);

  it(`the reference playbook (${reference}) recovers inside five minutes, seeds 1-20`, () => {
    for (const seed of SEEDS) {
      const r = drill(id, reference, seed);
      expect(r.verdict, `seed ${seed}: ${r.reasons.join('; ')}`).toBe('PASS');
      expect(r.recoverMs).not.toBeNull();
      expect(r.recoverMs!).toBeLessThanOrEqual(300_000);
      expect(r.counts.unstableStates).toEqual([]);
    }
  }, 60_000);
});
