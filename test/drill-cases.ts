import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { baseWorld } from '../src/drill/fuzz/base-world.js';
import { incidentArbitrary, incidentScenario } from '../src/drill/fuzz/incident.js';
import { runPlaybook } from '../src/drill/playbook-runner.js';
import { Session } from '../src/drill/session.js';
import type { Playbook } from '../src/formats/playbook.js';
import type { Scenario } from '../src/formats/scenario.js';
import { playbook, scenario, SCENARIOS } from './helpers.js';

export const LIBRARY = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

/** One whole drill: a library scenario as written, or its base world with a generated incident; one of its playbooks; a seed. */
export interface DrillCase {
  label: string;
  scenario: Scenario;
  playbook: Playbook;
  seed: number;
}

/**
 * Whole drills over the library and over incidents nobody wrote: what the world's invariants
 * are checked against. Labels name the case, so a failure says which drill broke it.
 */
export const drillCase: fc.Arbitrary<DrillCase> = fc.constantFrom(...LIBRARY).chain((id) => {
  const written = scenario(id);
  const base = baseWorld(written).scenario;
  return fc
    .record({
      kind: fc.constantFrom('naive', 'reference') as fc.Arbitrary<'naive' | 'reference'>,
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      incident: fc.option(incidentArbitrary(base), { nil: undefined, freq: 2 }),
    })
    .map(({ kind, seed, incident }) => {
      const label = `${id} / ${written.meta.playbooks[kind]} / seed ${incident?.seed ?? seed}${incident ? ` / faults ${JSON.stringify(incident.faults)}` : ''}`;
      return {
        label,
        scenario: incident ? incidentScenario(base, incident) : written,
        playbook: playbook(written.meta.playbooks[kind]),
        seed: incident?.seed ?? seed,
        // A counterexample prints as its label, not as the whole scenario.
        [fc.toStringMethod]: () => label,
      };
    });
});

/** A session for the case, with whatever the caller attaches to its drill before it runs. */
export function runCase(c: DrillCase, attach: (session: Session) => void = () => {}): Session {
  const session = new Session(c.scenario, c.seed);
  for (const use of c.playbook.uses) if (use.kind === 'metric') session.watched.add(use.name);
  attach(session);
  runPlaybook(session, c.playbook);
  return session;
}
