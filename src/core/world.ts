import { DATA, INITIAL, PROVIDER, type Cause } from './cause.js';
import { newDatabase, writeFormat, type Database } from './data.js';
import type { InFlight } from './in-flight.js';
import { Kernel } from './kernel.js';
import { LogLimits, type LogEntry, type LogKind } from './log.js';
import { metricPlan } from './metric-plan.js';
import { MetricStore } from './metrics.js';
import { Fleet } from './pods.js';
import { Streams } from './random.js';
import { Registry } from './registry.js';
import type { Stack } from './rules.js';
import type { AgentActionSpec, ComponentSpec, MetricSpec, RuleSpec, ScenarioSpec, Value } from './spec.js';
import { StackView } from './stack-view.js';
import { newRouteFlow, type RouteFlow } from './traffic.js';

export interface ComponentState {
  spec: ComponentSpec;
  /** The version (model components: the alias or dated version referenced). Databases keep theirs in `Database.schema`. */
  version: string;
  /** Versions it ran before, most recent last, each once, never the current one (as `inspect` lists them). */
  history: string[];
  /**
   * Every version it has run, in the order each first ran, with the version it replaced then
   * (undefined for the first): where a rollback goes by default, one release further back.
   */
  replaced: Map<string, string | undefined>;
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

/** How a drill is kept, beyond its scenario and seed: nothing here changes what happens in it. */
export interface DrillOptions {
  /**
   * Keep a chart copy of every metric series, for a report that draws charts. Off by default:
   * only a detailed report reads one, and a drill without it holds only what windows read.
   */
  charts?: boolean;
}

/**
 * The state of the simulated system: components of the four layers, pods, data, routes, rules
 * in force, and the counters that say when it changed. What a request meets and what the rules
 * make of it is derived from this state in `stacks` (stack-view.ts); the per-second traffic, the
 * actions and the faults work through both.
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
  /** Actions under way, by number: what `abort` can find and stop. */
  readonly inFlight = new Map<number, InFlight>();
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
  /** Bumped when fault rules start or end. */
  rulesVersion = 0;
  /** The stacks requests and pods meet, and what the rules make of them. */
  readonly stacks: StackView;
  /** The last change that can take the blame for what the stack is now (data written by it cannot). */
  lastCause: Cause = INITIAL;
  constructor(
    readonly spec: ScenarioSpec,
    readonly seed: number,
    options: DrillOptions = {},
  ) {
    this.streams = new Streams(seed);
    this.fleet = new Fleet(this.kernel, this.streams.get('pods'), {
      crashReason: (deployment, version) => this.stacks.crashReason(deployment, version),
      changed: (cause) => {
        this.lastCause = cause;
      },
    });
    this.metricSpecs = new Map(spec.metrics.map((m) => [m.name, m]));
    this.metrics = new MetricStore(metricPlan(spec, options.charts ?? false));
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
      const ran = [...spec.history, spec.initialRelease].map((r) => this.release(r).versions[c.id]).filter((v): v is string => v !== undefined);
      const history = ran.filter((v) => v !== version);
      this.components.set(c.id, { spec: c, version, history: dedupe(history), replaced: lineage(ran) });
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
    this.stacks = new StackView(this);
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
    if (!c.replaced.has(version)) c.replaced.set(version, current);
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

  /** Routes with users on them. */
  liveRoutes(): Route[] {
    return this.routes.filter((r) => r.weight > 0);
  }

  /** Whether a route with users on it serves from `track` (asked every second: no list is built). */
  serves(track: string): boolean {
    for (const r of this.routes) if (r.weight > 0 && r.track === track) return true;
    return false;
  }

  /**
   * One second of writes into tables that store a format: rows take the format of whatever
   * writes them, a writer deployment's ready pods each in their version's format.
   */
  writeFormats(): void {
    for (const db of this.databases.values()) {
      if (db.state !== 'up') continue;
      for (let i = 0; i < db.tables.length; i++) {
        const spec = db.spec.tables[i]!.format;
        if (!spec) continue;
        const shares = this.writerFormats(spec.writer, spec.attr);
        if (shares.length > 0 && writeFormat(db.tables[i]!, shares, 1, this.now)) this.changed(DATA);
      }
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
    // Read every second, and most seconds no spike is on: nothing to filter then.
    if (this.trafficFactors.length === 0) return 1;
    const now = this.now;
    this.trafficFactors = this.trafficFactors.filter((f) => f.untilMs > now);
    return this.trafficFactors.reduce((p, f) => p * f.factor, 1);
  }
}

/** Each name of a run, in the order it first appears, with the name before it then (none for the first). */
export function lineage(ran: readonly string[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  let before: string | undefined;
  for (const name of ran) {
    if (!out.has(name)) out.set(name, before);
    before = name;
  }
  return out;
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
