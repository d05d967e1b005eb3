import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { loadScenario } from '../../src/formats/scenario.js';

/** A fleet of 10 pods with a blue standby of some size, traffic switched to blue at one minute. */
function world(standby: string, slots: number): Drill {
  const text = `id: cutover-world
title: A cutover to a standby
layers: [serving]
source: { incident: none, article: none }
briefing: Traffic moves to the standby.
hints: [one, two, three]
lesson: A small standby scales up when traffic reaches it.
playbooks: { naive: none, reference: none }
horizon: 30m
pools: { web: ${slots} }
components:
  api:
    layer: serving
    kind: deployment
    versions: ["1", "2"]
    deployment: { pool: web, replicas: 10, perPodRps: 10, start: 30s, standby: ${standby} }
releases:
  r1: { api: "2" }
initial: r1
traffic: { rps: 50, deployment: api, latency: { median: 50ms }, timeout: 2s, queue: 5s }
slos: { errorRate: { max: 0.01 } }
faults:
  - { at: 1m, switch: { route: stable, track: blue } }
`;
  return new Drill(loadScenario(text, 'cutover-world.yaml').spec, 3);
}

const errorsAfterSwitch = (d: Drill): number => {
  d.advance(100_000);
  return d.world.metrics.get('all', 'errorRate').value(40);
};

describe('switching traffic to a standby', () => {
  it('costs nothing when the standby runs the whole fleet', () => {
    expect(errorsAfterSwitch(world('{ track: blue, version: "1", warm: true }', 30))).toBeLessThan(0.01);
  });

  it('overloads a standby kept at low capacity until it has scaled up to the fleet', () => {
    const small = world('{ track: blue, version: "1", warm: true, replicas: 20% }', 30);
    expect(small.world.fleet.count('api', 'ready', 'blue')).toBe(2);
    expect(errorsAfterSwitch(small)).toBeGreaterThan(0.2);
    small.advance(120_000);
    expect(small.world.fleet.count('api', 'ready', 'blue')).toBe(10);
    expect(small.world.metrics.get('all', 'errorRate').value(30)).toBeLessThan(0.01);
  });

  it('leaves a cold standby waiting for slots the live fleet still holds', () => {
    const cold = world('{ track: blue, version: "1", warm: false }', 14);
    cold.advance(150_000);
    expect(cold.world.fleet.count('api', 'ready', 'blue')).toBe(4);
    expect(cold.world.fleet.count('api', 'pending', 'blue')).toBe(6);
    expect(cold.world.metrics.get('all', 'errorRate').value(30)).toBeGreaterThan(0.3);
  });
});
