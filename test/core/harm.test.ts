import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { drillResult } from '../../src/core/result.js';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { playbook, scenario } from '../helpers.js';

/** A healthy service that errs 1% of the time and answers 5% of questions badly, for `minutes`. */
function healthy(minutes: number, seed: number): Drill {
  const text = `id: healthy-world
title: Nothing happens
layers: [serving]
source: { incident: none, article: none }
briefing: A healthy service.
hints: [one, two, three]
lesson: Normal noise is no harm.
playbooks: { naive: none, reference: none }
horizon: ${minutes}m
components:
  api: { layer: serving, kind: config, versions: ["1"] }
releases:
  r1: { api: "1" }
initial: r1
traffic: { rps: 50, users: 5000, latency: { median: 50ms }, errorRate: 0.01, quality: 0.95 }
slos: { errorRate: { max: 0.05, window: 1m } }
faults:
  # Keeps the drill open to its horizon: one with no impact ends ten quiet minutes after its last fault.
  - { at: ${minutes - 1}m, traffic: { factor: 1, for: 1s } }
`;
  const d = new Drill(loadScenario(text, 'healthy-world.yaml').spec, seed);
  while (!d.done) d.advance(3_600_000);
  return d;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('harm net of normal noise', () => {
  it('counts none of a healthy system’s own errors and weak answers, however long the drill; the raw totals keep them', () => {
    for (const minutes of [10, 120]) {
      const r = drillResult(healthy(minutes, 5));
      // 50 requests a second, 1% failing and 5% of the rest answered badly: about 178 a minute.
      expect(r.counts.raw.failedRequests + r.counts.raw.badResponses, `${minutes} min`).toBeGreaterThan(160 * minutes);
      expect(r.counts.raw.userMinutes, `${minutes} min`).toBeGreaterThan(250 * minutes);
      expect(r.counts.failedRequests + r.counts.badResponses + r.counts.usersAffected + r.counts.userMinutes, `${minutes} min`).toBe(0);
    }
  });

  it('scores a drill where nothing happened at 100, whatever its length', () => {
    for (const minutes of [10, 120]) expect(drillResult(healthy(minutes, 9)).score, `${minutes} min`).toBeGreaterThanOrEqual(99);
  });

  it('shows the canary affecting fewer users than the same regression released to everyone, seeds 1-20', () => {
    const affected = (id: string, kind: 'reference' | 'naive', raw: boolean): number => {
      const s = scenario(id);
      const out: number[] = [];
      for (let seed = 1; seed <= 20; seed++) {
        const c = drillPlaybook(s, playbook(s.meta.playbooks[kind]), seed).session.result().counts;
        out.push(raw ? c.raw.usersAffected : c.usersAffected);
      }
      return mean(out);
    };
    const canary = affected('recommender-canary', 'reference', false);
    const bigBang = affected('recommender-big-bang', 'reference', false);
    expect(canary).toBeLessThan(bigBang / 4);
    // Counted raw, the canary's longer drill (it runs ten quiet minutes after the abort) looked worse.
    expect(affected('recommender-canary', 'reference', true)).toBeGreaterThan(affected('recommender-big-bang', 'reference', true));
  }, 60_000);
});

describe('slow answers', () => {
  it('count as harm where the scenario bounds latency: a slow fleet harms users even when no request fails', () => {
    const s = scenario('latency-spike');
    const naive = drillPlaybook(s, playbook(s.meta.playbooks.naive), 1).session.result();
    const reference = drillPlaybook(s, playbook(s.meta.playbooks.reference), 1).session.result();
    // The rolling rollback leaves pods at six times the latency for minutes: many answers miss the 250 ms bound.
    expect(naive.counts.slowResponses).toBeGreaterThan(20_000);
    expect(naive.counts.raw.slowResponses).toBeGreaterThanOrEqual(naive.counts.slowResponses);
    // Switching back to the standby is over sooner, overload included, and scores higher.
    expect(reference.counts.slowResponses).toBeLessThan(naive.counts.slowResponses);
    expect(reference.score).toBeGreaterThan(naive.score!);
  });

  it('count as none where the scenario sets no latency bound', () => {
    const r = drillResult(healthy(10, 3));
    expect(r.counts.raw.slowResponses).toBe(0);
  });
});
