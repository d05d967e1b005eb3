import fc from 'fast-check';
import type { DrillResult } from '../../core/result.js';
import type { Playbook } from '../../formats/playbook.js';
import { checkFit } from '../fit.js';
import { drillPlaybook, type PlaybookRun } from '../playbook-runner.js';
import type { Session } from '../session.js';
import type { BaseWorld } from './base-world.js';
import { DEFAULT_INCIDENT_SPACE, incidentArbitrary, incidentScenario, type Incident, type IncidentSpace } from './incident.js';

export interface FuzzSettings {
  /** Incidents to try before declaring the playbook sound. */
  runs: number;
  /** The search seed: the same seed, base world and playbook try the same incidents. */
  seed: number;
  /** A replay path printed by an earlier search: jumps straight to its minimal incident. */
  path?: string;
  /** Shrink candidates to try at most (each is one drill): a bound, not a clock, so it stays deterministic. */
  maxShrinks: number;
  space: IncidentSpace;
}

export const DEFAULT_FUZZ_SETTINGS: FuzzSettings = { runs: 100, seed: 1, maxShrinks: 400, space: DEFAULT_INCIDENT_SPACE };

/** One incident played against the playbook. */
export interface IncidentDrill {
  incident: Incident;
  session: Session;
  run: PlaybookRun;
  result: DrillResult;
}

export interface FuzzFinding {
  /** The minimal incident found, drilled again. */
  drill: IncidentDrill;
  /** Faults in the first failing incident, before shrinking. */
  firstFaults: number;
  /** The run (1-based) that first missed the target. */
  foundAtRun: number;
  /** Smaller failing incidents found on the way to the minimal one. */
  shrinks: number;
  /** With the seed, replays the search straight to the minimal incident (`--path`). */
  path: string;
}

export interface FuzzOutcome {
  /** Incidents tried before the first miss (all of them when none missed). */
  tried: number;
  /** The playbook against the base world with no fault at all. */
  baseline: IncidentDrill;
  finding: FuzzFinding | null;
}

/** Runs one incident against the playbook. */
export function drillIncident(base: BaseWorld, playbook: Playbook, incident: Incident): IncidentDrill {
  const { session, run } = drillPlaybook(incidentScenario(base.scenario, incident), playbook, incident.seed);
  return { incident, session, run, result: session.result() };
}

/**
 * Looks for incidents the playbook fails to recover inside the target, and shrinks the first
 * one found to a minimal one. A playbook that misses with no fault at all fails on the empty
 * incident, and there is nothing to search.
 */
export function fuzzPlaybook(base: BaseWorld, playbook: Playbook, settings: FuzzSettings = DEFAULT_FUZZ_SETTINGS): FuzzOutcome {
  checkFit(playbook, base.scenario);
  const baseline = drillIncident(base, playbook, { seed: 1, faults: [] });
  if (baseline.result.verdict === 'FAIL') return { tried: 0, baseline, finding: null };
  let firstFaults = 0;
  const arbitrary = fc.limitShrink(incidentArbitrary(base.scenario, settings.space), settings.maxShrinks);
  const property = fc.property(arbitrary, (incident) => {
    const passed = drillIncident(base, playbook, incident).result.verdict === 'PASS';
    if (!passed && firstFaults === 0) firstFaults = incident.faults.length;
    return passed;
  });
  const details = fc.check(property, { seed: settings.seed, numRuns: settings.runs, ...(settings.path !== undefined ? { path: settings.path } : {}) });
  if (!details.failed) return { tried: details.numRuns, baseline, finding: null };
  if (details.counterexample === null || details.counterexamplePath === null) throw new Error(`the search stopped without an incident: ${String(details.errorInstance)}`);
  const [incident] = details.counterexample;
  return {
    tried: details.numRuns,
    baseline,
    finding: {
      drill: drillIncident(base, playbook, incident),
      firstFaults,
      foundAtRun: details.numRuns,
      shrinks: details.numShrinks,
      path: details.counterexamplePath,
    },
  };
}
