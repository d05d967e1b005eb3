import fc from 'fast-check';
import type { AgentActionSpec, Effect, FaultAction, RuleSpec, ScenarioSpec, Value } from '../../core/spec.js';

type Arb<T> = fc.Arbitrary<T>;

/** A kind of fault: a type of `FaultAction`, or `authored` for the scenario's own faults and injects. */
export type FaultKind = FaultAction['type'] | 'authored';

export const FAULT_KINDS: readonly FaultKind[] = ['authored', 'deploy', 'set-version', 'set', 'move-alias', 'retire', 'agent', 'traffic', 'rule', 'canary', 'switch'];

/**
 * Every kind of fault a world offers, each an arbitrary drawn over that world's own releases,
 * components, settings, registries, databases and agents. A kind the world has nothing for
 * (no agents, no registry, no canary route) is left out. Each arbitrary shrinks towards the
 * mildest fault of its kind: the first release, a small factor, a short duration.
 */
export function faultCatalogue(spec: ScenarioSpec, authored: readonly FaultAction[]): Map<FaultKind, Arb<FaultAction>> {
  const kinds: [FaultKind, Arb<FaultAction> | undefined][] = [
    ['authored', authoredFaults(authored)],
    ['deploy', deploys(spec)],
    ['set-version', setVersions(spec)],
    ['set', settings(spec)],
    ['move-alias', aliasMoves(spec)],
    ['retire', retirements(spec)],
    ['agent', agentActions(spec)],
    ['traffic', trafficSpikes()],
    ['rule', ruleFaults(spec)],
    ['canary', canaries(spec)],
    ['switch', switches(spec)],
  ];
  return new Map(kinds.filter((k): k is [FaultKind, Arb<FaultAction>] => k[1] !== undefined));
}

function pick<T>(items: readonly T[]): Arb<T> | undefined {
  return items.length === 0 ? undefined : fc.constantFrom(...items);
}

/** The scenario's own faults and its facilitator injects: what its author thought could happen. */
function authoredFaults(authored: readonly FaultAction[]): Arb<FaultAction> | undefined {
  return pick(authored);
}

function deploys(spec: ScenarioSpec): Arb<FaultAction> | undefined {
  const release = pick(spec.releases.map((r) => r.id));
  if (!release) return undefined;
  const serving = spec.components.find((c) => c.id === spec.traffic.deployment)?.deployment;
  const maxUnavailable = serving ? fc.option(fc.integer({ min: 0, max: serving.replicas }), { nil: undefined }) : fc.constant(undefined);
  return fc.record({ release, maxUnavailable }).map(({ release, maxUnavailable }): FaultAction => ({
    type: 'deploy',
    release,
    ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
  }));
}

/** Every (component, version) the world knows. */
function componentVersions(spec: ScenarioSpec): [string, string][] {
  return spec.components.flatMap((c) => Object.keys(c.versions).map((v): [string, string] => [c.id, v]));
}

/**
 * What a rule can name a component at: its versions, and for a model the dated versions of its
 * registry (a rule sees the version an alias resolves to, never the alias).
 */
function ruleTargets(spec: ScenarioSpec): [string, string][] {
  return spec.components.flatMap((c): [string, string][] => {
    const registry = c.kind === 'model' ? spec.registries.find((r) => r.id === c.registry) : undefined;
    if (!registry) return Object.keys(c.versions).map((v) => [c.id, v]);
    return registry.versions.map((v) => [c.id, v.id]);
  });
}

function setVersions(spec: ScenarioSpec): Arb<FaultAction> | undefined {
  return pick(componentVersions(spec))?.map(([component, version]): FaultAction => ({ type: 'set-version', component, version }));
}

/** Settings flipped to a value some rule reacts to, or (for a flag) to its opposite. */
function settings(spec: ScenarioSpec): Arb<FaultAction> | undefined {
  const pairs = new Map<string, [string, Value]>();
  const add = (key: string, value: Value): void => void pairs.set(`${key}\u0000${typeof value}\u0000${String(value)}`, [key, value]);
  for (const [key, value] of Object.entries(spec.settings)) if (typeof value === 'boolean') add(key, !value);
  for (const rule of spec.rules) {
    for (const c of rule.when) {
      if (!(c.key in spec.settings) || c.value === undefined) continue;
      for (const v of Array.isArray(c.value) ? c.value : [c.value as Value]) add(c.key, v);
    }
  }
  return pick([...pairs.values()])?.map(([key, value]): FaultAction => ({ type: 'set', key, value }));
}

function aliasMoves(spec: ScenarioSpec): Arb<FaultAction> | undefined {
  const moves = spec.registries.flatMap((r) => Object.keys(r.aliases).flatMap((alias) => r.versions.map((v) => ({ registry: r.id, alias, to: v.id }))));
  return pick(moves)?.map((m): FaultAction => ({ type: 'move-alias', ...m }));
}

function retirements(spec: ScenarioSpec): Arb<FaultAction> | undefined {
  return pick(spec.registries.flatMap((r) => r.versions.map((v) => ({ registry: r.id, version: v.id }))))?.map((r): FaultAction => ({ type: 'retire', ...r }));
}

function agentActions(spec: ScenarioSpec): Arb<FaultAction> | undefined {
  const databases = spec.components.filter((c) => c.database !== undefined);
  const actions: AgentActionSpec[] = databases.flatMap((db) => [
    ...db.database!.tables.map((t): AgentActionSpec => ({ kind: 'drop-table', database: db.id, table: t.name })),
    { kind: 'destroy', databases: [db.id] },
    { kind: 'delete-volume', database: db.id, bypassDelayedDelete: false },
    { kind: 'delete-volume', database: db.id, bypassDelayedDelete: true },
  ]);
  const agent = pick(spec.agents.map((a) => a.id));
  const action = pick(actions);
  if (!agent || !action) return undefined;
  return fc.record({ agent, action }).map(({ agent, action }): FaultAction => ({ type: 'agent', agent, action }));
}

function trafficSpikes(): Arb<FaultAction> {
  return fc
    .record({ factor: fc.integer({ min: 2, max: 10 }), forS: fc.integer({ min: 30, max: 1800 }) })
    .map(({ factor, forS }): FaultAction => ({ type: 'traffic', factor, forMs: forS * 1000 }));
}

/** What a generated rule does: errors, slowness, or worse answers; shrinks towards the mildest. */
const effects: Arb<{ effect: Effect; says: string }> = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((pct) => ({ effect: { errorRate: pct / 100 }, says: `fails ${pct}% of requests` })),
  fc.integer({ min: 2, max: 20 }).map((factor) => ({ effect: { latencyFactor: factor }, says: `answers ${factor} times slower` })),
  fc.integer({ min: 1, max: 50 }).map((pct) => ({ effect: { quality: -pct / 100 }, says: `gives ${pct}% more bad answers` })),
);

const seconds = (min: number, max: number): Arb<number> => fc.integer({ min, max }).map((s) => s * 1000);

/**
 * Rules that come and go: a dependency that degrades for a while (it must heal, or no playbook
 * could ever recover), or a version that turns out bad (recoverable by moving off it), either
 * at once or ramping up like drift. Their ids are given when the incident is assembled.
 */
function ruleFaults(spec: ScenarioSpec): Arb<FaultAction> {
  const ramp = fc.option(seconds(10, 1800), { nil: undefined });
  const dependency = fc.record({ what: effects, forMs: seconds(10, 1800), rampMs: ramp }).map(({ what, forMs, rampMs }) =>
    ruleFault([], `a dependency ${what.says}`, what.effect, forMs, rampMs),
  );
  const pairs = ruleTargets(spec);
  if (pairs.length === 0) return dependency;
  const badVersion = fc
    .record({ target: fc.constantFrom(...pairs), what: effects, forMs: fc.option(seconds(10, 1800), { nil: undefined }), rampMs: ramp })
    .map(({ target: [component, version], what, forMs, rampMs }) =>
      ruleFault([{ key: component, op: 'eq', value: version }], `${component} ${version} ${what.says}`, what.effect, forMs, rampMs),
    );
  return fc.oneof(dependency, badVersion);
}

function ruleFault(when: RuleSpec['when'], explain: string, effect: Effect, forMs: number | undefined, rampMs: number | undefined): FaultAction {
  return {
    type: 'rule',
    rule: { id: 'fuzzed', when, effect, explain },
    ...(forMs !== undefined ? { forMs } : {}),
    ...(rampMs !== undefined ? { rampMs } : {}),
  };
}

/** A progressive release through the canary route, at the stages of the sources (1% -> 10% -> 50%). */
function canaries(spec: ScenarioSpec): Arb<FaultAction> | undefined {
  const release = pick(spec.releases.map((r) => r.id));
  if (!release || !spec.traffic.routes.some((r) => r.name === 'canary')) return undefined;
  return fc.record({ release, holdMs: seconds(30, 600) }).map(({ release, holdMs }): FaultAction => ({
    type: 'canary',
    release,
    stages: [0.01, 0.1, 0.5].map((weight) => ({ weight, holdMs })),
  }));
}

/** A blue/green cutover: a route moved to another track of the serving deployment (its standby, or back to main). */
function switches(spec: ScenarioSpec): Arb<FaultAction> | undefined {
  const standby = spec.components.find((c) => c.id === spec.traffic.deployment)?.deployment?.standby;
  if (!standby) return undefined;
  const cutovers = spec.traffic.routes.flatMap((r) => ['main', standby.track].map((track) => ({ route: r.name, track })));
  return pick(cutovers)?.map((c): FaultAction => ({ type: 'switch', ...c }));
}
