import fc from 'fast-check';
import type { FaultAction, FaultSpec } from '../../core/spec.js';
import type { Scenario } from '../../formats/scenario.js';
import { FAULT_KINDS, faultCatalogue, type FaultKind } from './fault-catalogue.js';

/** A generated incident: faults at times over a base world, and the seed of the drill it runs in. */
export interface Incident {
  seed: number;
  faults: FaultSpec[];
}

/** The incidents a search draws from. */
export interface IncidentSpace {
  /** Faults fall in the first this-many milliseconds of the drill. */
  windowMs: number;
  maxFaults: number;
  /** The kinds of fault to draw from (those the world offers). */
  kinds: readonly FaultKind[];
}

/** Ten minutes holds a release going out and the first reactions to it; four faults make a bad day. */
export const DEFAULT_INCIDENT_SPACE: IncidentSpace = { windowMs: 600_000, maxFaults: 4, kinds: FAULT_KINDS };

/** Drill seeds stay in the range `firedrill run --seed` accepts and JSON keeps exactly. */
const MAX_SEED = 2 ** 31 - 1;

/**
 * Incidents over a base world: one to `maxFaults` faults from its catalogue, each at a whole
 * second inside the window. Shrinking drops faults, moves them earlier, makes them milder and
 * brings the drill seed towards 1.
 */
export function incidentArbitrary(base: Scenario, space: IncidentSpace = DEFAULT_INCIDENT_SPACE): fc.Arbitrary<Incident> {
  const actions = offeredKinds(base, space.kinds).map(([, arbitrary]) => arbitrary);
  if (actions.length === 0) throw new Error(`the world offers no fault of the kinds ${space.kinds.join(', ')}`);
  const fault = fc.record({ atS: fc.integer({ min: 0, max: Math.floor(space.windowMs / 1000) }), action: fc.oneof(...actions) });
  return fc
    .record({ seed: fc.integer({ min: 1, max: MAX_SEED }), faults: fc.array(fault, { minLength: 1, maxLength: space.maxFaults }) })
    .map(({ seed, faults }) => ({ seed, faults: assemble(faults.map((f) => ({ atMs: f.atS * 1000, ...f.action }) as FaultSpec)) }));
}

/** The kinds of fault a base world offers among those asked for, in catalogue order. */
export function offeredKinds(base: Scenario, kinds: readonly FaultKind[]): [FaultKind, fc.Arbitrary<FaultAction>][] {
  const authored = [...base.spec.faults, ...base.meta.injects.map((i) => i.fault)].map(withoutTime);
  return [...faultCatalogue(base.spec, authored)].filter(([kind]) => kinds.includes(kind));
}

function withoutTime(f: FaultAction | FaultSpec): FaultAction {
  const { atMs: _at, ...action } = f as FaultSpec;
  return action as FaultAction;
}

/** Faults in time order (ties keep their drawn order), every fault rule with an id of its own. */
function assemble(faults: FaultSpec[]): FaultSpec[] {
  const used = new Set<string>();
  let n = 0;
  return [...faults]
    .sort((a, b) => a.atMs - b.atMs)
    .map((f) => {
      if (f.type !== 'rule') return f;
      n++;
      const id = f.rule.id === 'fuzzed' ? `fuzzed-${n}` : used.has(f.rule.id) ? `${f.rule.id}-${n}` : f.rule.id;
      used.add(id);
      return { ...f, rule: { ...f.rule, id } };
    });
}

/** The base world with an incident's faults: what one fuzz drill runs. */
export function incidentScenario(base: Scenario, incident: Incident): Scenario {
  return { ...base, spec: { ...base.spec, faults: incident.faults } };
}
