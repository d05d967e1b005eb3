import { describe, expect, it } from 'vitest';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { playbook, scenario } from '../helpers.js';

describe('what a playbook watched', () => {
  it('records each trigger\'s firing level and the value it read over its window, on its route', () => {
    const { run, watched } = drillPlaybook(scenario('recommender-canary'), playbook('canary-auto-rollback'), 1, undefined, [], { trace: true });
    expect(watched!.map((w) => `${w.by} ${w.route}.${w.metric}`)).toEqual(['trigger canary.accuracy', 'trigger canary.errorRate']);
    const accuracy = watched![0]!;
    expect(accuracy).toMatchObject({ text: 'canary.accuracy falls 3% below baseline over 30s (at least 100 samples)', windowMs: 30_000, above: null });
    expect(accuracy.below).toBeCloseTo(0.82 * 0.97, 10);
    expect(accuracy.firedMs).toBe(run.triggeredMs);
    const atFire = accuracy.values[accuracy.firedMs! / accuracy.stepMs - 1]!;
    expect(atFire).toBeLessThan(accuracy.below!);
    // Before the canary carried traffic the window held too few samples to count.
    expect(accuracy.values[0]).toBeNull();
    // The playbook reads its triggers until one fires: both end there.
    expect(watched![1]!.firedMs).toBeNull();
    expect(accuracy.values).toHaveLength(accuracy.firedMs! / accuracy.stepMs);
    expect(watched![1]!.values).toHaveLength(accuracy.values.length);
  });

  it('records the alerts a playbook acts on, firing when the drill detected the incident', () => {
    const { session, watched } = drillPlaybook(scenario('payment-schema-rollback'), playbook('unified-release-rollback'), 1, undefined, [], { trace: true });
    const r = session.result();
    expect(watched!.map((w) => w.by)).toEqual(['alert payment-errors']);
    expect(watched![0]!.firedMs).toBe(r.impactStartMs! + r.detectMs!);
    expect(watched![0]!.above).toBe(0.01);
  });

  it('changes nothing in the drill it watches', () => {
    const plain = drillPlaybook(scenario('recommender-canary'), playbook('canary-auto-rollback'), 3);
    const traced = drillPlaybook(scenario('recommender-canary'), playbook('canary-auto-rollback'), 3, undefined, [], { trace: true });
    expect(traced.session.result()).toEqual(plain.session.result());
    expect(traced.run).toEqual(plain.run);
  });
});
