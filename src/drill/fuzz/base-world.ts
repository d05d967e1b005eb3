import type { ScenarioSpec } from '../../core/spec.js';
import { World } from '../../core/world.js';
import type { Scenario } from '../../formats/scenario.js';

/**
 * The world a fuzzer injects incidents into: the scenario's world without its faults, started
 * at the newest release of its deploy history under which no harmful rule matches a live stack.
 * A scenario that opens mid-incident (a bad release already live) is rewound to the release
 * before it, so the bad release becomes one more thing an incident can deploy, and a playbook
 * is judged on incidents, not on a world that was broken before anything happened.
 */
export interface BaseWorld {
  scenario: Scenario;
  /** The release the base world starts at. */
  startRelease: string;
  /** The releases skipped because the world was already unhealthy under them, newest first. */
  skipped: string[];
}

export function baseWorld(scenario: Scenario): BaseWorld {
  const { spec } = scenario;
  const chain = [...spec.history, spec.initialRelease];
  const start = (i: number): BaseWorld => ({
    scenario: { ...scenario, spec: { ...spec, initialRelease: chain[i]!, history: chain.slice(0, i), faults: [] } },
    startRelease: chain[i]!,
    skipped: chain.slice(i + 1).reverse(),
  });
  for (let i = chain.length - 1; i >= 0; i--) {
    const candidate = start(i);
    if (healthy(candidate.scenario.spec)) return candidate;
  }
  // Unhealthy under every release it ever ran: the world as written is the only base there is.
  return start(chain.length - 1);
}

function healthy(spec: ScenarioSpec): boolean {
  return new World(spec, 1).stacks.harmfulMatches().length === 0;
}
