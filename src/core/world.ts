import { bucketRanges, usersInRange } from './buckets.js';
import { DATA, INITIAL, PROVIDER, type Cause } from './cause.js';
import { newDatabase, writeFormat, type Database } from './data.js';
import { Kernel } from './kernel.js';
import { LogLimits, type LogEntry, type LogKind } from './log.js';
import { metricPlan } from './metric-plan.js';
import { MetricStore } from './metrics.js';
import { Fleet } from './pods.js';
import { Streams } from './random.js';
import { Registry } from './registry.js';
import { evaluate, isHarmful, type ActiveRule, type Stack, type StackEffect } from './rules.js';
import type { AgentActionSpec, ComponentSpec, MetricSpec, Param, RuleSpec, ScenarioSpec, Value } from './spec.js';
import { newRouteFlow, type FlowGroup, type RouteFlow } from './traffic.js';

export interface ComponentState {
  spec: ComponentSpec;
  /** The version (model components: the alias or dated version referenced). Databases keep theirs in `Database.schema`. */
  version: string;
  /** Versions it ran before, oldest first: where a rollback goes by default. */
  history: string[];
}

export interface Route {
  name: string;
  weight: number;
  track: string;
  overrides: Record<string, string>;
  /**
   * Someone set this route's weight by hand (the `canary` command): a progressive release's own
   * schedule stops moving it, as a rollout controller or a person has taken it over.
   */
  steered: boolean;
  flow: RouteFlow;
}

export interface TemporaryRule {
  rule: RuleSpec;
  fromMs: number;
  untilMs: number;
  rampMs: number;
}

export interface AgentState {
  id: string;
  privileges: readonly string[];
  revoked: boolean;
}

export interface LiveGroup {
  label: string;
  version?: string;
  stack: Stack;
  pods: number;
}

/**
 * The state of the simulated system: components of the four layers, pods, data, routes, rules
 * in force. It knows how to build the stack a request meets and what the rules make of it; the
 * per-second traffic, the actions and the faults work through it.
 */
export class World {
  readonly kernel = new Kernel();
  readonly streams: Streams;
  readonly fleet: Fleet;
  readonly components = new Map<string, ComponentState>();
  readonly registries = new Map<string, Registry>();
  readonly databases = new Map<string, Database>();
  readonly settings = new Map<string, Value>();
  readonly routes: Route[];
  readonly temporaryRules: TemporaryRule[] = [];
  readonly agents = new Map<string, AgentState>();
  /** Every scripted agent action, and the guardrail that blocked it (null when it ran). */
  readonly agentRuns: { tMs: number; agent: string; action: AgentActionSpec; blocked: string | null }[] = [];
  readonly metricSpecs: ReadonlyMap<string, MetricSpec>;
  readonly metrics: MetricStore;
  readonly releaseHistory: string[];
  readonly log: LogEntry[] = [];
  /** What the log kept and counted: its size is bounded however long the drill. */
  readonly logLimits = new LogLimits();
  trafficFactors: { factor: number; untilMs: number }[] = [];
  /** Results of behavioural suites that ran since the last second was recorded: metric -> value. */
  readonly suiteResults = new Map<string, number>();
  /** When each suite last ran. */
  readonly suiteRuns = new Map<string, number>();
  frozen = false;
  /** Bumped by every change to what requests meet; caches key on it. */
  epoch = 0;
  /** The last change that can take the blame for what the stack is now (data written by it cannot). */
  lastCause: Cause = INITIAL;
  private readonly builtinRules: RuleSpec[];
  private cacheEpoch = -1;
  private cacheFleetEpoch = -1;
  private baseStackCache: Stack = {};
  private groupEpoch = -1;
  private groupFleetEpoch = -1;
  private readonly groupCache = new Map<string, { stack: Stack; pods: number; version?: string }[]>();
  /** Bumped when fault rules start or end; ramping rules change strength every second. */
  private rulesVersion = 0;
  private rulesCacheVersion = -1;
  private rulesCacheRamp = -1;
  private rulesStamp = 0;
  private rulesCache: ActiveRule[] = [];
  private derivedEpoch = -1;
  private derivedFleetEpoch = -1;
  private derivedRules = -1;
  private readonly flowCache = new Map<Route, FlowGroup[]>();
  private harmfulCache: { rule: RuleSpec; where: string[] }[] | undefined;
  private readonly crashCache = new Map<string, string | null>();
  private crashStamp = -1;

  constructor(
    readonly spec: ScenarioSpec,
    readonly seed: number,
  ) {
    this.streams = new Streams(seed);
    this.fleet = new Fleet(this.kernel, this.streams.get('pods'), {
      crashReason: (deployment, version) => this.crashReason(deployment, version),
      changed: (cause) => {
        this.lastCause = cause;
      },
    });
    this.metricSpecs = new Map(spec.metrics.map((m) => [m.name, m]));
    this.metrics = new MetricStore(metricPlan(spec));
    // A lone route carries all the traffic: its series are the `all` series.
    if (spec.traffic.routes.length === 1) this.metrics.alias(spec.traffic.routes[0]!.name, 'all');
    for (const p of spec.pools) this.fleet.addPool(p);
    for (const r of spec.registries) this.registries.set(r.id, new Registry(r));
    for (const a of spec.agents) this.agents.set(a.id, { id: a.id, privileges: a.privileges, revoked: false });
    for (const [k, v] of Object.entries(spec.settings)) this.settings.set(k, v);
    const initial = this.release(spec.initialRelease);
    for (const c of spec.components) {
      const version = initial.versions[c.id];
      if (version === undefined) throw new Error(`initial release ${initial.id} has no version for ${c.id}`);
      const history = spec.history.map((r) => this.release(r).versions[c.id]).filter((v): v is string => v !== undefined && v !== version);
      this.components.set(c.id, { spec: c, version, history: dedupe(history) });
      if (c.kind === 'deployment') this.fleet.addDeployment(c.id, c.deployment!, version);
      if (c.kind === 'database') this.databases.set(c.id, newDatabase(c.id, c.database!, version));
    }
    this.releaseHistory = [...spec.history, spec.initialRelease];
    this.routes = spec.traffic.routes.map((r, i) => ({
      name: r.name,
      weight: i === 0 ? 1 - spec.traffic.routes.slice(1).reduce((s, x) => s + x.weight, 0) : r.weight,
      track: r.track,
      overrides: { ...r.overrides },
      steered: false,
      flow: newRouteFlow(spec.traffic.retry.maxAttempts),
    }));
    this.builtinRules = spec.components
      .filter((c) => c.kind === 'model')
      .map((c) => ({
        id: `${c.id}-retired`,
        when: [{ key: `${c.id}.retired`, op: 'eq' as const, value: true }],
        effect: { errorRate: 1 },
        explain: `${c.id} points at a model version its provider has retired: every call fails`,
      }));
    for (const r of spec.registries) {
      for (const v of r.versions) if (v.retiredAtMs !== undefined) this.kernel.at(v.retiredAtMs, () => this.changed(PROVIDER));
    }
  }

  get now(): number {
    return this.kernel.now;
  }

  note(kind: LogKind, text: string): void {
    const entry = { tMs: this.now, kind, text };
    if (this.logLimits.admit(this.log, entry)) this.log.push(entry);
  }

  changed(cause: Cause): void {
    this.epoch++;
    // Rows take the format of whatever runs: a consequence of the stack, so it keeps the blame where
    // it was. Otherwise whether an action is blamed would depend on how fast a table is written.
    if (cause.kind !== 'data') this.lastCause = cause;
  }

  /** Fault rules were added or removed. */
  rulesChanged(cause: Cause): void {
    this.rulesVersion++;
    this.changed(cause);
  }

  release(id: string): ScenarioSpec['releases'][number] {
    const r = this.spec.releases.find((x) => x.id === id);
    if (!r) throw new Error(`unknown release ${id}`);
    return r;
  }

  component(id: string): ComponentState {
    const c = this.components.get(id);
    if (!c) throw new Error(`unknown component ${id}`);
    return c;
  }

  /** The version a component runs now (a database's schema; a model's reference). */
  versionOf(id: string): string {
    const c = this.component(id);
    if (c.spec.kind === 'database') return this.databases.get(id)!.schema;
    return c.version;
  }

  /** Records a component's new version; the caller has already waited for the switch. */
  setVersion(id: string, version: string, cause: Cause): void {
    const c = this.component(id);
    const current = this.versionOf(id);
    if (current === version) return;
    c.history = dedupe([...c.history.filter((v) => v !== version), current]);
    c.version = version;
    if (c.spec.kind === 'database') this.databases.get(id)!.schema = version;
    this.changed(cause);
  }

  /** The release whose versions match what runs now, if any. */
  currentRelease(): string | undefined {
    for (let i = this.releaseHistory.length - 1; i >= 0; i--) {
      const r = this.release(this.releaseHistory[i]!);
      if (Object.entries(r.versions).every(([id, v]) => this.runsOnly(id, v))) return r.id;
    }
    return undefined;
  }

  /**
   * Whether all of a component runs `version`: every pod of a deployment's main track (a
   * deployment with none: the version it was last set to), a database's schema, a pointer's
   * target. What a release change must converge, whatever the component's record says.
   */
  runsOnly(id: string, version: string): boolean {
    const c = this.component(id);
    if (c.spec.kind !== 'deployment') return this.versionOf(id) === version;
    const running = this.fleet.versionCounts(id, 'main');
    if (running.size === 0) return c.version === version;
    return running.size === 1 && running.has(version);
  }

  /**
   * The version rules see for a deployment outside the routes that serve from its pods: the
   * one most of its main track's running pods (starting, ready or crash-looping) run, the
   * oldest of equals; undefined while none runs.
   */
  podVersion(id: string): string | undefined {
    const placed = this.fleet.summary(id).placed.get('main');
    let best: string | undefined;
    let most = 0;
    for (const [version, pods] of placed ?? []) {
      if (pods > most) {
        best = version;
        most = pods;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- stacks

  private refreshCaches(): void {
    if (this.groupEpoch !== this.epoch || this.groupFleetEpoch !== this.fleet.epoch) {
      this.groupEpoch = this.epoch;
      this.groupFleetEpoch = this.fleet.epoch;
      this.groupCache.clear();
    }
    if (this.cacheEpoch === this.epoch && this.cacheFleetEpoch === this.fleet.epoch) return;
    this.cacheEpoch = this.epoch;
    this.cacheFleetEpoch = this.fleet.epoch;
    const stack: Record<string, Value> = {};
    for (const c of this.components.values()) {
      // A deployment is what its pods run; a request meets no version of one whose pods are all gone.
      const version = c.spec.kind === 'deployment' ? this.podVersion(c.spec.id) : this.versionOf(c.spec.id);
      if (version !== undefined) this.putVersion(stack, c.spec, version);
    }
    for (const db of this.databases.values()) {
      stack[`${db.id}.state`] = db.state;
      for (const t of db.tables) {
        stack[`${db.id}.tables.${t.name}`] = t.present ? 'present' : 'dropped';
        for (const [f, share] of t.formats ?? []) stack[`${db.id}.tables.${t.name}.format.${f}`] = Math.round(share * 1000) / 1000;
      }
    }
    for (const [k, v] of this.settings) stack[k] = v;
    this.baseStackCache = stack;
  }

  private putVersion(stack: Record<string, Value>, c: ComponentSpec, version: string): void {
    if (c.kind === 'model') {
      const resolved = this.registries.get(c.registry!)!.resolve(version, this.now);
      stack[c.id] = resolved.version;
      stack[`${c.id}.ref`] = version;
      stack[`${c.id}.retired`] = resolved.retired;
      for (const [k, v] of Object.entries(resolved.attrs)) stack[`${c.id}.${k}`] = v;
      return;
    }
    stack[c.id] = version;
    for (const [k, v] of Object.entries(c.versions[version] ?? {})) stack[`${c.id}.${k}`] = v;
  }

  baseStack(): Stack {
    this.refreshCaches();
    return this.baseStackCache;
  }

  /** The stack with some components at other versions (what a rollout or a plan would make). */
  stackWith(base: Stack, versions: Readonly<Record<string, string>>): Stack {
    const stack: Record<string, Value> = { ...base };
    for (const [id, v] of Object.entries(versions)) this.putVersion(stack, this.component(id).spec, v);
    // Runtime settings win over what a version brings.
    for (const [k, v] of this.settings) stack[k] = v;
    return stack;
  }

  /**
   * The stack of a route before its pods: the base stack with the route's own versions of
   * pointers. A route cannot run another schema, and a deployment's versions on a route are
   * those of the pods on its track (see routeGroups), so overrides of either are not seen.
   */
  routeStack(route: Route): Stack {
    return { ...this.stackWith(this.baseStack(), this.pointerOverrides(route)), route: route.name };
  }

  private pointerOverrides(route: Route): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [id, v] of Object.entries(route.overrides)) {
      const kind = this.component(id).spec.kind;
      if (kind !== 'deployment' && kind !== 'database') out[id] = v;
    }
    return out;
  }

  /** A route's stack when no pod serves it: no version of the serving deployment runs there. */
  podlessStack(route: Route): Stack {
    const stack: Record<string, Value> = { ...this.routeStack(route) };
    const serving = this.spec.traffic.deployment;
    if (serving === undefined) return stack;
    delete stack[serving];
    for (const attrs of Object.values(this.component(serving).spec.versions)) for (const k of Object.keys(attrs)) delete stack[`${serving}.${k}`];
    for (const [k, v] of this.settings) stack[k] = v;
    return stack;
  }

  /** What the serving pods of a route look like now: one group per version running on its track. */
  routeGroups(route: Route, includeUnready = false): { stack: Stack; pods: number; version?: string }[] {
    this.refreshCaches();
    const key = `${route.name}\u0000${route.track}\u0000${includeUnready}`;
    const cached = this.groupCache.get(key);
    if (cached) return cached;
    const routeStack = this.routeStack(route);
    const serving = this.spec.traffic.deployment;
    let groups: { stack: Stack; pods: number; version?: string }[];
    if (serving === undefined) {
      groups = [{ stack: routeStack, pods: 0 }];
    } else {
      const summary = this.fleet.summary(serving);
      const counts = (includeUnready ? summary.placed : summary.ready).get(route.track) ?? new Map<string, number>();
      groups = [...counts.entries()].map(([version, pods]) => ({
        stack: this.stackWith(routeStack, { [serving]: version }),
        pods,
        version,
      }));
    }
    this.groupCache.set(key, groups);
    return groups;
  }

  /** Scenario rules, the world's own rules, and fault rules at their current strength. */
  activeRules(): ActiveRule[] {
    const now = this.now;
    const ramping = this.temporaryRules.some((t) => t.rampMs > 0 && now >= t.fromMs && now < t.fromMs + t.rampMs);
    const ramp = ramping ? now : -1;
    if (this.rulesCacheVersion === this.rulesVersion && this.rulesCacheRamp === ramp) return this.rulesCache;
    const out: ActiveRule[] = [];
    for (const rule of this.spec.rules) out.push({ rule, strength: 1 });
    for (const rule of this.builtinRules) out.push({ rule, strength: 1 });
    for (const t of this.temporaryRules) {
      if (now < t.fromMs || now >= t.untilMs) continue;
      out.push({ rule: t.rule, strength: t.rampMs > 0 ? Math.min(1, (now - t.fromMs) / t.rampMs) : 1 });
    }
    this.rulesCacheVersion = this.rulesVersion;
    this.rulesCacheRamp = ramp;
    this.rulesStamp++;
    this.rulesCache = out;
    return out;
  }

  /** Effects and harm depend on stacks, pods and rules: cached until one of them changes. */
  private refreshDerived(): void {
    this.refreshCaches();
    this.activeRules();
    if (this.derivedEpoch === this.epoch && this.derivedFleetEpoch === this.fleet.epoch && this.derivedRules === this.rulesStamp) return;
    this.derivedEpoch = this.epoch;
    this.derivedFleetEpoch = this.fleet.epoch;
    this.derivedRules = this.rulesStamp;
    this.flowCache.clear();
    this.harmfulCache = undefined;
  }

  effectOf(stack: Stack, rules: readonly ActiveRule[] = this.activeRules()): StackEffect {
    return evaluate(rules, stack);
  }

  crashReason(deployment: string, version: string): string | null {
    this.refreshCaches();
    this.activeRules();
    const stamp = this.cacheEpoch * 1e6 + this.rulesStamp;
    if (stamp !== this.crashStamp) {
      this.crashStamp = stamp;
      this.crashCache.clear();
    }
    const key = `${deployment}\u0000${version}`;
    const cached = this.crashCache.get(key);
    if (cached !== undefined) return cached;
    const effect = this.effectOf(this.stackWith(this.baseStack(), { [deployment]: version }));
    const reason = effect.crash ? effect.matched.find((m) => m.rule.effect.crash)!.rule.explain : null;
    this.crashCache.set(key, reason);
    return reason;
  }

  resolveParam<T extends Value>(param: Param<T>, stack: Stack): T | undefined {
    if (typeof param === 'object' && param !== null) return stack[param.ref] as T | undefined;
    return param;
  }

  /** The groups that serve traffic this second, with capacity and per-request behaviour. */
  flowGroups(route: Route): FlowGroup[] {
    this.refreshDerived();
    const cached = this.flowCache.get(route);
    if (cached) return cached;
    const groups = this.computeFlowGroups(route, this.activeRules());
    this.flowCache.set(route, groups);
    return groups;
  }

  private computeFlowGroups(route: Route, rules: readonly ActiveRule[]): FlowGroup[] {
    const { traffic } = this.spec;
    const dep = traffic.deployment === undefined ? undefined : this.fleet.get(traffic.deployment);
    const groups = this.routeGroups(route);
    const out: FlowGroup[] = [];
    const toGroup = (stack: Stack, capacity: number): FlowGroup => {
      const effect = this.effectOf(stack, rules);
      const enabled = traffic.fallback ? this.resolveParam(traffic.fallback.enabled, stack) : false;
      const budget = traffic.fallback ? this.resolveParam(traffic.fallback.budget, stack) : undefined;
      return {
        capacityRps: capacity * effect.capacityFactor,
        effect,
        timeoutMs: Number(this.resolveParam(traffic.timeoutMs, stack) ?? Infinity),
        fallback: enabled === true || String(enabled) === 'on' ? { budget: budget === 'own' ? 'own' : 'shared' } : null,
      };
    };
    if (!dep) return [toGroup(groups[0]!.stack, Infinity)];
    for (const g of groups) out.push(toGroup(g.stack, g.pods * dep.spec.perPodRps));
    if (out.length === 0) out.push(toGroup(this.podlessStack(route), 0));
    return out;
  }

  /** Routes with users on them. */
  liveRoutes(): Route[] {
    return this.routes.filter((r) => r.weight > 0);
  }

  /** Users on each route, by SHA-256 bucket ranges; recomputed only when weights change. */
  routeUsers(): number[] {
    if (this.usersEpoch !== this.epoch) {
      this.usersEpoch = this.epoch;
      this.usersCache = bucketRanges(this.routes.map((r) => r.weight)).map((range) => usersInRange(this.spec.traffic.users, range));
    }
    return this.usersCache;
  }

  private usersEpoch = -1;
  private usersCache: number[] = [];

  /** Every stack a request or a pod meets now, labelled for explanations. */
  liveStacks(): LiveGroup[] {
    const out: LiveGroup[] = [];
    for (const route of this.liveRoutes()) {
      for (const g of this.routeGroups(route, true)) {
        out.push({ label: g.version ? `${route.name} route, pods at ${g.version}` : `${route.name} route`, stack: g.stack, pods: g.pods, ...(g.version ? { version: g.version } : {}) });
      }
      if (this.spec.traffic.deployment !== undefined && this.routeGroups(route, true).length === 0) {
        out.push({ label: `${route.name} route, no pod running`, stack: this.podlessStack(route), pods: 0 });
      }
    }
    return out;
  }

  /** Harmful rules that match a live stack now, with where. */
  harmfulMatches(): { rule: RuleSpec; where: string[] }[] {
    this.refreshDerived();
    this.harmfulCache ??= this.computeHarmful(this.activeRules());
    return this.harmfulCache;
  }

  private computeHarmful(rules: readonly ActiveRule[]): { rule: RuleSpec; where: string[] }[] {
    const found = new Map<string, { rule: RuleSpec; where: string[] }>();
    for (const live of this.liveStacks()) {
      for (const m of this.effectOf(live.stack, rules).matched) {
        if (!isHarmful(m.rule.effect, this.metricSpecs)) continue;
        const entry = found.get(m.rule.id) ?? { rule: m.rule, where: [] };
        entry.where.push(live.label);
        found.set(m.rule.id, entry);
      }
    }
    return [...found.values()];
  }

  /**
   * One second of writes into tables that store a format: rows take the format of whatever
   * writes them, a writer deployment's ready pods each in their version's format.
   */
  writeFormats(): void {
    for (const db of this.databases.values()) {
      if (db.state !== 'up') continue;
      db.tables.forEach((t, i) => {
        const spec = db.spec.tables[i]!.format;
        if (!spec) return;
        const shares = this.writerFormats(spec.writer, spec.attr);
        if (shares.length > 0 && writeFormat(t, shares, 1, this.now)) this.changed(DATA);
      });
    }
  }

  /** The formats a writer writes in now, each with its share of the writes. */
  private writerFormats(writer: string, attr: string): [string, number][] {
    const c = this.component(writer);
    const formatOf = (version: string): string | undefined => {
      const v = c.spec.kind === 'model' ? this.registries.get(c.spec.registry!)!.resolve(version, this.now).attrs[attr] : c.spec.versions[version]?.[attr];
      const setting = this.settings.get(`${writer}.${attr}`);
      return setting !== undefined ? String(setting) : v === undefined ? undefined : String(v);
    };
    if (c.spec.kind !== 'deployment') {
      const f = formatOf(this.versionOf(writer));
      return f === undefined ? [] : [[f, 1]];
    }
    const tracks = writer === this.spec.traffic.deployment ? new Set(this.liveRoutes().map((r) => r.track)) : new Set(['main']);
    const weights = new Map<string, number>();
    let total = 0;
    for (const track of tracks) {
      for (const [version, pods] of this.fleet.summary(writer).ready.get(track) ?? []) {
        const f = formatOf(version);
        if (f === undefined) continue;
        weights.set(f, (weights.get(f) ?? 0) + pods);
        total += pods;
      }
    }
    return [...weights].map(([f, n]) => [f, n / total]);
  }

  trafficFactor(): number {
    const now = this.now;
    this.trafficFactors = this.trafficFactors.filter((f) => f.untilMs > now);
    return this.trafficFactors.reduce((p, f) => p * f.factor, 1);
  }
}

function dedupe(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    if (!seen.has(list[i]!)) {
      seen.add(list[i]!);
      out.unshift(list[i]!);
    }
  }
  return out;
}
