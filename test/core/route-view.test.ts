import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { routeViews } from '../../src/core/route-view.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { scenario } from '../helpers.js';

/** Two environments of one deployment, a fifth of the users on the blue one, and a prompt the preview route overrides. */
const TWO_ENVIRONMENTS = `id: two-environments
title: Two environments side by side
layers: [serving]
source: { incident: none, article: none }
briefing: Blue runs the previous version for a fifth of users.
hints: [one, two, three]
lesson: Each route serves its own environment.
playbooks: { naive: none, reference: none }
horizon: 30m
pools: { web: 40 }
components:
  api:
    layer: serving
    kind: deployment
    versions: ["1", "2"]
    deployment: { pool: web, replicas: 10, perPodRps: 10, start: 30s, standby: { track: blue, version: "1", warm: true } }
  prompt:
    layer: serving
    kind: config
    versions: [v1, v2]
releases:
  r1: { api: "2", prompt: v1 }
initial: r1
traffic:
  rps: 50
  deployment: api
  latency: { median: 50ms }
  timeout: 2s
  routes:
    - { name: stable }
    - { name: preview, weight: 20%, track: blue, overrides: { prompt: v2 } }
slos: { errorRate: { max: 0.01 } }
`;

describe('what each route serves', () => {
  it("names the serving deployment by its pods on the route's environment, and a pointer by the route's own version", () => {
    const drill = new Drill(loadScenario(TWO_ENVIRONMENTS, 'two-environments.yaml').spec, 1);
    drill.advance(10_000);
    expect(routeViews(drill.world)).toEqual([
      { name: 'stable', weightPct: 80, track: 'main', versions: [{ component: 'api', version: '2' }, { component: 'prompt', version: 'v1' }] },
      { name: 'preview', weightPct: 20, track: 'blue', versions: [{ component: 'api', version: '1' }, { component: 'prompt', version: 'v2' }] },
    ]);
  });

  it('lists nothing while every route serves the same', () => {
    const drill = new Drill(scenario('recommender-canary').spec, 1);
    expect(routeViews(drill.world).map((r) => r.versions)).toEqual([[], []]);
  });
});
