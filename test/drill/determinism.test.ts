import { describe, expect, it } from 'vitest';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { replay } from '../../src/drill/replay.js';
import { drill, json, playbook, scenario } from '../helpers.js';

const PAIRS = [
  ['payment-schema-rollback', 'code-only-rollback'],
  ['payment-schema-rollback', 'unified-release-rollback'],
  ['model-feature-skew', 'model-only-rollback'],
  ['silent-provider-update', 'behavioural-pin'],
  ['shared-timeout-budget', 'fallback-on-errors'],
  ['batched-change-rollback', 'sequential-config-rollback'],
  ['batched-change-rollback', 'atomic-config-rollback'],
] as const;

describe('determinism', () => {
  it('gives byte-identical report JSON for the same inputs and seed, over many seeds', () => {
    for (const [id, pb] of PAIRS) {
      for (let seed = 1; seed <= 8; seed++) expect(json(drill(id, pb, seed * 7919))).toBe(json(drill(id, pb, seed * 7919)));
    }
  }, 120_000);

  it('gives different drills for different seeds', () => {
    expect(json(drill('batched-change-rollback', 'atomic-config-rollback', 1))).not.toBe(json(drill('batched-change-rollback', 'atomic-config-rollback', 2)));
  });

  it('replays a playbook drill from its journal alone to the same result', () => {
    for (const [id, pb] of PAIRS) {
      const s = scenario(id);
      const p = playbook(pb);
      const original = drillPlaybook(s, p, 3).session;
      const again = replay(s, 3, original.journal, [...original.watched]);
      expect(original.journal.length).toBeGreaterThan(0);
      expect(JSON.stringify(again.result())).toBe(JSON.stringify(original.result()));
    }
  }, 60_000);
});
