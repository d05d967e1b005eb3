import { bucketRanges, usersInRange } from './buckets.js';
import { evaluate, isHarmful, type ActiveRule, type Stack, type StackEffect } from './rules.js';
import type { ComponentSpec, Param, RuleSpec, Value } from './spec.js';
import type { FlowGroup } from './traffic.js';
import type { LiveGroup, Route, World } from './world.js';

/**
 * What requests and pods meet, derived from the world's state: the base stack (every
 * component at what runs, databases, settings), each route's stack and its groups of pods,
 * the rules in force and what they make of each stack. Everything here is a cache of the
 * world's state, rebuilt when a counter of it moves; nothing here changes the world.
 */
export class StackView {
  /** The world's own rules: a model whose provider retired its version fails every call. */
  private readonly builtinRules: RuleSpec[];
  private readonly deployments: string[];
  private podVersions: (string | undefined)[] = [];
  private cacheEpoch = -1;
  private cacheFleetEpoch = -1;
  /** Bumped whenever the base stack is rebuilt. */
  private baseStamp = 0;
  private baseStackCache: Stack = {};
  private groupEpoch = -1;
  private groupFleetEpoch = -1;
  private readonly groupCache = new Map<string, { stack: Stack; pods: number; version?: string }[]>();
  private rulesCacheVersion = -1;
  /** Ramping rules change strength every second: the second they were read at, or -1. */
  private rulesCacheRamp = -1;
  private rulesStamp = 0;
  private rulesCache: ActiveRule[] = [];
  private derivedEpoch = -1;
  private derivedFleetEpoch = -1;
  private derivedRules = -1;
  private readonly flowCache = new Map<Route, FlowGroup[]>();
  private harmfulCache: { rule: RuleSpec; where: string[] }[] | undefined;
  /** deployment -> version -> why its pods crash (null: they start). */
  private readonly crashCache = new Map<string, Map<string, string | null>>();
  private crashBase = -1;
  private crashRules = -1;
  private usersEpoch = -1;
  private usersCache: number[] = [];

  constructor(private readonly world: World) {
    const { spec } = world;
    this.deployments = spec.components.filter((c) => c.kind === 'deployment').map((c) => c.id);
    this.builtinRules = spec.components
      .filter((c) => c.kind === 'model')
      .map((c) => ({
        id: `${c.id}-retired`,
        when: [{ key: `${c.id}.retired`, op: 'eq' as const, value: true }],
        effect: { errorRate: 1 },
        explain: `${c.id} points at a model version its provider has retired: every call fails`,
      }));
  }

  /** Group stacks follow every change; the base stack, only changes to what it holds. */
  private refreshCaches(): void {
    const world = this.world;
    if (this.groupEpoch !== world.epoch || this.groupFleetEpoch !== world.fleet.epoch) {
      this.groupEpoch = world.epoch;
      this.groupFleetEpoch = world.fleet.epoch;
      this.groupCache.clear();
    }
    if (this.cacheEpoch === world.epoch && this.cacheFleetEpoch === world.fleet.epoch) return;
    this.rebuildBase();
  }

  /**
   * The base stack again, after the world or the fleet changed (apart from refreshCaches, whose
   * every call would otherwise build the context these closures need, changed or not).
   */
  private rebuildBase(): void {
    const world = this.world;
    // A deployment is what its pods run; a request meets no version of one whose pods are all gone.
    const podVersions = this.deployments.map((id) => world.podVersion(id));
    const podsMoved = podVersions.some((v, i) => v !== this.podVersions[i]);
    const fleetOnly = this.cacheEpoch === world.epoch;
    this.cacheFleetEpoch = world.fleet.epoch;
    if (fleetOnly && !podsMoved) return;
    this.cacheEpoch = world.epoch;
    this.podVersions = podVersions;
    const stack: Record<string, Value> = {};
    for (const c of world.components.values()) {
      const version = c.spec.kind === 'deployment' ? podVersions[this.deployments.indexOf(c.spec.id)] : world.versionOf(c.spec.id);
      if (version !== undefined) this.putVersion(stack, c.spec, version);
    }
    for (const db of world.databases.values()) {
      stack[`${db.id}.state`] = db.state;
      for (const t of db.tables) {
        stack[`${db.id}.tables.${t.name}`] = t.present ? 'present' : 'dropped';
        for (const [f, share] of t.formats ?? []) stack[`${db.id}.tables.${t.name}.format.${f}`] = Math.round(share * 1000) / 1000;
      }
    }
    for (const [k, v] of world.settings) stack[k] = v;
    this.baseStackCache = stack;
    this.baseStamp++;
  }

  private putVersion(stack: Record<string, Value>, c: ComponentSpec, version: string): void {
    if (c.kind === 'model') {
      const resolved = this.world.registries.get(c.registry!)!.resolve(version, this.world.now);
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
    for (const [id, v] of Object.entries(versions)) this.putVersion(stack, this.world.component(id).spec, v);
    // Runtime settings win over what a version brings.
    for (const [k, v] of this.world.settings) stack[k] = v;
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
      const kind = this.world.component(id).spec.kind;
      if (kind !== 'deployment' && kind !== 'database') out[id] = v;
    }
    return out;
  }

  /** A route's stack when no pod serves it: no version of the serving deployment runs there. */
  podlessStack(route: Route): Stack {
    const stack: Record<string, Value> = { ...this.routeStack(route) };
    const serving = this.world.spec.traffic.deployment;
    if (serving === undefined) return stack;
    delete stack[serving];
    for (const attrs of Object.values(this.world.component(serving).spec.versions)) for (const k of Object.keys(attrs)) delete stack[`${serving}.${k}`];
    for (const [k, v] of this.world.settings) stack[k] = v;
    return stack;
  }

  /** What the serving pods of a route look like now: one group per version running on its track. */
  routeGroups(route: Route, includeUnready = false): { stack: Stack; pods: number; version?: string }[] {
    this.refreshCaches();
    const key = `${route.name}\u0000${route.track}\u0000${includeUnready}`;
    const cached = this.groupCache.get(key);
    if (cached) return cached;
    const routeStack = this.routeStack(route);
    const serving = this.world.spec.traffic.deployment;
    let groups: { stack: Stack; pods: number; version?: string }[];
    if (serving === undefined) {
      groups = [{ stack: routeStack, pods: 0 }];
    } else {
      const summary = this.world.fleet.summary(serving);
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
    const now = this.world.now;
    const temporary = this.world.temporaryRules;
    const ramping = temporary.length > 0 && temporary.some((t) => t.rampMs > 0 && now >= t.fromMs && now < t.fromMs + t.rampMs);
    const ramp = ramping ? now : -1;
    if (this.rulesCacheVersion === this.world.rulesVersion && this.rulesCacheRamp === ramp) return this.rulesCache;
    const out: ActiveRule[] = [];
    for (const rule of this.world.spec.rules) out.push({ rule, strength: 1 });
    for (const rule of this.builtinRules) out.push({ rule, strength: 1 });
    for (const t of this.world.temporaryRules) {
      if (now < t.fromMs || now >= t.untilMs) continue;
      out.push({ rule: t.rule, strength: t.rampMs > 0 ? Math.min(1, (now - t.fromMs) / t.rampMs) : 1 });
    }
    this.rulesCacheVersion = this.world.rulesVersion;
    this.rulesCacheRamp = ramp;
    this.rulesStamp++;
    this.rulesCache = out;
    return out;
  }

  /** Effects and harm depend on stacks, pods and rules: cached until one of them changes. */
  private refreshDerived(): void {
    this.refreshCaches();
    this.activeRules();
    if (this.derivedEpoch === this.world.epoch && this.derivedFleetEpoch === this.world.fleet.epoch && this.derivedRules === this.rulesStamp) return;
    this.derivedEpoch = this.world.epoch;
    this.derivedFleetEpoch = this.world.fleet.epoch;
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
    // Two counters, compared apart: a sum or product of them would let two states share a key.
    if (this.crashBase !== this.baseStamp || this.crashRules !== this.rulesStamp) {
      this.crashBase = this.baseStamp;
      this.crashRules = this.rulesStamp;
      this.crashCache.clear();
    }
    // Asked at every restart of every pod: keyed without building a string.
    let byVersion = this.crashCache.get(deployment);
    if (!byVersion) this.crashCache.set(deployment, (byVersion = new Map()));
    const cached = byVersion.get(version);
    if (cached !== undefined) return cached;
    const effect = this.effectOf(this.stackWith(this.baseStack(), { [deployment]: version }));
    const reason = effect.crash ? effect.matched.find((m) => m.rule.effect.crash)!.rule.explain : null;
    byVersion.set(version, reason);
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
    const { traffic } = this.world.spec;
    const dep = traffic.deployment === undefined ? undefined : this.world.fleet.get(traffic.deployment);
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

  /** Users on each route, by SHA-256 bucket ranges; recomputed only when weights change. */
  routeUsers(): number[] {
    if (this.usersEpoch !== this.world.epoch) {
      this.usersEpoch = this.world.epoch;
      this.usersCache = bucketRanges(this.world.routes.map((r) => r.weight)).map((range) => usersInRange(this.world.spec.traffic.users, range));
    }
    return this.usersCache;
  }

  /** Every stack a request or a pod meets now, labelled for explanations. */
  liveStacks(): LiveGroup[] {
    const out: LiveGroup[] = [];
    for (const route of this.world.liveRoutes()) {
      for (const g of this.routeGroups(route, true)) {
        out.push({ label: g.version ? `${route.name} route, pods at ${g.version}` : `${route.name} route`, stack: g.stack, pods: g.pods, ...(g.version ? { version: g.version } : {}) });
      }
      if (this.world.spec.traffic.deployment !== undefined && this.routeGroups(route, true).length === 0) {
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
        if (!isHarmful(m.rule.effect, this.world.metricSpecs)) continue;
        const entry = found.get(m.rule.id) ?? { rule: m.rule, where: [] };
        entry.where.push(live.label);
        found.set(m.rule.id, entry);
      }
    }
    return [...found.values()];
  }
}
