import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_HINTS, MIN_HINTS } from '../../src/formats/scenario-schema.js';
import { drill, scenario, SCENARIOS, SEEDS } from '../helpers.js';
import type { Report } from '../../src/report/report.js';

/**
 * The reason each incident's naive playbook fails, as the report must tell it: read from the
 * world (rules still in force, pods, data, what nothing watched), never from the scenario id.
 */
const REASONS: Record<string, { reasons: RegExp[]; check?: (r: Report) => void }> = {
  'payment-schema-rollback': { reasons: [/200 pods of 2\.14 in CrashLoopBackOff/, /Pending: no free slot/, /pool payments 200\/200 slots used/] },
  'model-feature-skew': { reasons: [/still in force: the ranker receives embeddings from a space it was not trained on/, /quality 0\.\d+ \(SLO >= 0\.9\)/] },
  'silent-provider-update': { reasons: [/impact was never detected/, /nothing watches sycophancy/] },
  'shared-timeout-budget': { reasons: [/reached it with no time left: it shares the primary's timeout budget/] },
  'batched-change-rollback': {
    reasons: [/unstable state entered at .*resizing the connection pool in place drops the connections in flight/, /over the 5:00 target/],
    check: (r) => expect(r.counts.unstableStates.length).toBeGreaterThanOrEqual(1),
  },
  'agent-drop-table': { reasons: [/unnecessary rollback/, /table crm-db\.executives is still gone/] },
  'agent-drop-table-soft-delete': { reasons: [/unnecessary rollback/, /table crm-db\.executives is still gone/] },
  'terraform-destroy': { reasons: [/no usable backup of courses-db; destroyed: automated-daily; held by the provider/, /database courses-db is deleted/] },
  'token-deletes-volume': {
    reasons: [/could still be rebuilt from the payment provider's history: not recovered until they are/, /rows of bookings-db are lost for good/],
    check: (r) => expect(r.counts.rowsUnavailable).toBeGreaterThan(10_000),
  },
  'recommender-canary': { reasons: [/impact was never detected/, /nothing watches accuracy, inappropriate/] },
  'recommender-big-bang': { reasons: [/impact was never detected/, /nothing watches accuracy, inappropriate/] },
  'transient-spike': { reasons: [/unnecessary rollback at .*nothing in the running stack was at fault|unnecessary rollback at .*removes none of the causes: an upstream dependency/] },
  'mislabelled-training-data': { reasons: [/still in force: the model was trained on d18/, /retrain fraud-model was still running at the end/] },
  'prompt-injection': { reasons: [/over the 5:00 target/], check: (r) => expect(r.counts.irreversibleSideEffects).toBeGreaterThan(0) },
  'memory-schema-non-additive': { reasons: [/unstable state entered at .*chat-api 1\.9 cannot read memories stored in format v2/] },
  'loan-approval-drop': { reasons: [/impact was never detected/, /nothing watches approvalRate/] },
  'diagnostic-false-negatives': { reasons: [/impact was never detected/, /nothing watches falseNegativeRate/] },
  'chatbot-sentiment': { reasons: [/impact was never detected/, /nothing watches sentiment/] },
  'bias-emergence': { reasons: [/impact was never detected/, /nothing watches parityGap/] },
  'latency-spike': { reasons: [/over the 5:00 target/, /rollback fraud-scorer took \d+:\d\d/] },
  'model-drift': { reasons: [/impact was never detected/, /nothing watches quality/] },
  'prompt-template-regression': { reasons: [/unnecessary rollback .*removes none of the causes: prompt template v12/, /still in force: prompt template v12/] },
};

const ids = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

describe('the scenario library', () => {
  it('holds at least 20 scenarios, each with a naive and a reference playbook', () => {
    expect(ids.length).toBeGreaterThanOrEqual(20);
    for (const id of ids) {
      const { meta } = scenario(id);
      expect(meta.id).toBe(id);
      expect(meta.playbooks.naive).not.toBe(meta.playbooks.reference);
    }
  });

  it('gives every scenario 3 to 6 hints that unlock in order, and names the patterns it teaches', () => {
    for (const id of ids) {
      const { meta } = scenario(id);
      expect(meta.hints.length, id).toBeGreaterThanOrEqual(MIN_HINTS);
      expect(meta.hints.length, id).toBeLessThanOrEqual(MAX_HINTS);
      const unlocks = meta.hints.map((h) => h.unlockMs);
      expect(unlocks, id).toEqual([...unlocks].sort((a, b) => a - b));
      expect(meta.patterns.length, id).toBeGreaterThan(0);
    }
  });

  it('links every unguarded scenario to a guarded variant that links back, and names the guardrail', () => {
    for (const id of ids) {
      const { meta } = scenario(id);
      if (meta.guardedVariant) {
        expect(scenario(meta.guardedVariant).meta.variantOf).toBe(id);
        expect(meta.guardrail, id).toBeTruthy();
      }
      if (meta.variantOf) expect(scenario(meta.variantOf).meta.guardedVariant).toBe(id);
    }
  });
});

describe.each(ids.map((id) => ({ id })))('$id', ({ id }) => {
  const { meta } = scenario(id);
  const expected = REASONS[id];
  const guardedByVariant = meta.variantOf !== undefined;

  // A guarded variant's naive playbook may well pass: the guardrail is what it shows.
  if (!guardedByVariant || expected) {
    it(`the naive playbook (${meta.playbooks.naive}) misses the target for the incident's own reason, seeds 1-20`, () => {
      expect(expected, `add the reason ${id}'s naive playbook fails to REASONS`).toBeDefined();
      for (const seed of SEEDS) {
        const r = drill(id, meta.playbooks.naive, seed);
        expect(r.verdict, `seed ${seed}`).toBe('FAIL');
        const text = r.reasons.join('\n');
        for (const reason of expected!.reasons) expect(text, `seed ${seed}`).toMatch(reason);
        expected!.check?.(r);
      }
    }, 120_000);
  }

  if (meta.guardedVariant) {
    it(`no playbook recovers in time, and the report names the missing guardrail (${meta.playbooks.reference}), seeds 1-20`, () => {
      for (const seed of SEEDS) {
        const r = drill(id, meta.playbooks.reference, seed);
        expect(r.verdict, `seed ${seed}`).toBe('FAIL');
        expect(r.missingGuardrails.length, `seed ${seed}`).toBeGreaterThan(0);
      }
    }, 120_000);
  } else {
    it(`the reference playbook (${meta.playbooks.reference}) recovers inside the target, seeds 1-20`, () => {
      for (const seed of SEEDS) {
        const r = drill(id, meta.playbooks.reference, seed);
        expect(r.verdict, `seed ${seed}: ${r.reasons.join('; ')}`).toBe('PASS');
        if (r.recoverMs !== null) expect(r.recoverMs).toBeLessThanOrEqual(r.targetMs);
        expect(r.counts.unstableStates).toEqual([]);
        expect(r.counts.unnecessaryRollbacks).toEqual([]);
      }
    }, 120_000);
  }
});
