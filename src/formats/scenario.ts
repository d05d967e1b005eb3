import { createHash } from 'node:crypto';
import { unknownName } from '../core/names.js';
import { unsettable } from '../core/settable.js';
import { attributesOf } from '../core/stack-keys.js';
import type {
  AgentActionSpec,
  ComponentSpec,
  Condition,
  FaultAction,
  FaultSpec,
  Layer,
  Param,
  RuleSpec,
  ScenarioSpec,
  SuiteSpec,
  Value,
  WatchSpec,
} from '../core/spec.js';
import { BUILTIN_METRIC_NAMES, relativeRefusal, routeShare, suiteMetricNames } from '../core/metric-table.js';
import { scheduleHints, type Hint } from './hints.js';
import { PATTERN_NAMES, PATTERNS, type Pattern } from './patterns.js';
import { scenarioInput, type FaultInput, type RuleInput, type ScenarioInput, type WatchInput } from './scenario-schema.js';
import { durationText } from './limits.js';
import { checkRule, unknownStackKey } from './rule-check.js';
import { InputError, YamlSource, type Path, type Problem } from './source.js';
import { resolveCount } from './units.js';
import { duplicateIds, own } from './unique-ids.js';

/** What a facilitator and a trainee read; the world never looks at it. */
export interface ScenarioMeta {
  id: string;
  title: string;
  layers: Layer[];
  source: { incident: string; article: string };
  briefing: string;
  /** In order: where to look, which signal, the mechanism, the play; each unlocks `unlockMs` after detection. */
  hints: Hint[];
  lesson: string;
  guardrail?: string;
  /** Playbooks (file names under scenarios/playbooks) that miss and meet the target. */
  playbooks: { naive: string; reference: string };
  guardedVariant?: string;
  variantOf?: string;
  /** Facilitator twists: fired when the facilitator chooses, never by a headless run. */
  injects: { id: string; description: string; fault: FaultAction }[];
  /** The rollback patterns the scenario teaches. */
  patterns: Pattern[];
}

export interface Scenario {
  spec: ScenarioSpec;
  meta: ScenarioMeta;
  file: string;
  digest: string;
  /** What `validate` warns of: allowed, but it can never matter (a rule no stack matches). */
  warnings: Problem[];
}

export function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** A release's digest: of its component versions in name order, so the bundle is immutable by content. */
export function releaseDigest(versions: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(versions)
    .sort()
    .map((k) => `${k}=${versions[k]}`)
    .join('\n');
  return digestOf(canonical).slice(0, 19);
}

/** Parses and checks a scenario file; throws InputError naming every problem's place. */
export function loadScenario(text: string, file: string): Scenario {
  const { source, data } = YamlSource.parse(text, file);
  const parsed = scenarioInput.safeParse(data);
  if (!parsed.success) throw new InputError(source.zodProblems(parsed.error));
  const compiler = new ScenarioCompiler(parsed.data, source);
  const spec = compiler.compile();
  const hints = compiler.hints();
  const patterns = compiler.patterns();
  const injects = parsed.data.injects.map((inj, i) => ({ id: inj.id, description: inj.description, fault: compiler.fault(inj.fault, ['injects', i, 'fault']) }));
  injects.forEach((inj, i) => {
    if (inj.fault.type === 'rule') compiler.checkRule(spec, inj.fault.rule, ['injects', i, 'fault', 'rule']);
  });
  if (compiler.problems.length > 0) throw new InputError(compiler.problems);
  const input = parsed.data;
  return {
    spec,
    file,
    digest: digestOf(text),
    warnings: compiler.warnings,
    meta: {
      id: input.id,
      title: input.title,
      layers: input.layers,
      source: input.source,
      briefing: input.briefing,
      hints,
      lesson: input.lesson,
      playbooks: input.playbooks,
      ...(input.guardedVariant !== undefined ? { guardedVariant: input.guardedVariant } : {}),
      ...(input.variantOf !== undefined ? { variantOf: input.variantOf } : {}),
      ...(input.guardrail !== undefined ? { guardrail: input.guardrail } : {}),
      injects,
      patterns,
    },
  };
}

const OPERATOR = /^(==|!=|>=|<=|>|<)\s*(.+)$/;
const OPS: Record<string, Condition['op']> = { '==': 'eq', '!=': 'ne', '>=': 'ge', '<=': 'le', '>': 'gt', '<': 'lt' };

/** `"2.15"`, `">= 2.15"`, `"!= $embedder.schema"`, `[a, b]`, `true`: one condition on a stack key. */
export function parseCondition(key: string, v: Value | Value[]): Condition {
  if (Array.isArray(v)) return { key, op: 'in', value: v };
  if (typeof v !== 'string') return { key, op: 'eq', value: v };
  const m = OPERATOR.exec(v.trim());
  const op = m ? OPS[m[1]!]! : 'eq';
  const rhs = m ? m[2]!.trim() : v;
  return rhs.startsWith('$') ? { key, op, ref: rhs.slice(1) } : { key, op, value: rhs };
}

class ScenarioCompiler {
  readonly problems: Problem[] = [];
  /** What is allowed but can never matter (a rule that never matches). */
  readonly warnings: Problem[] = [];
  private readonly components = new Map<string, ComponentSpec>();
  private readonly metricNames: Set<string>;

  constructor(
    private readonly input: ScenarioInput,
    private readonly source: YamlSource,
  ) {
    this.metricNames = new Set<string>([...BUILTIN_METRIC_NAMES, ...Object.keys(input.metrics)]);
    for (const [id, s] of Object.entries(input.suites)) for (const m of suiteMetricNames(id, s.measures)) this.metricNames.add(m);
  }

  private problem(path: Path, message: string, key?: string): void {
    this.problems.push(this.source.problem(path, message, key));
  }

  compile(): ScenarioSpec {
    const input = this.input;
    for (const d of duplicateIds(input)) this.problem(d.path, d.message);
    input.faults.forEach((f, i) => {
      if (f.at >= input.horizon) {
        this.problem(['faults', i, 'at'], `the fault is due at ${durationText(f.at)}, at or after the horizon (${durationText(input.horizon)}) where the drill ends, so it would never happen: bring it forward or lengthen the horizon`);
      }
    });
    for (const [id, c] of Object.entries(input.components)) this.component(id, c);
    for (const [rid, r] of Object.entries(input.registries)) {
      for (const [alias, to] of Object.entries(r.aliases)) {
        if (!Object.hasOwn(r.versions, to)) this.problem(['registries', rid, 'aliases', alias], unknownName(`version of ${rid}`, to, Object.keys(r.versions)));
      }
    }
    for (const [cid, c] of Object.entries(input.components)) {
      c.database?.tables.forEach((t, i) => {
        if (t.format) this.knownComponent(t.format.writer, ['components', cid, 'database', 'tables', i, 'format', 'writer']);
      });
    }
    for (const [rid, r] of Object.entries(input.releases)) this.release(rid, r);
    this.knownRelease(input.initial, ['initial']);
    input.history.forEach((h, i) => this.knownRelease(h, ['history', i]));
    const traffic = this.traffic();
    for (const [name] of Object.entries(input.slos)) this.knownMetric(name, ['slos'], name);
    const spec: ScenarioSpec = {
      id: input.id,
      title: input.title,
      layers: input.layers,
      targetMs: input.target,
      horizonMs: input.horizon,
      settleMs: input.settle,
      components: [...this.components.values()],
      pools: Object.entries(input.pools).map(([id, slots]) => ({ id, slots })),
      registries: Object.entries(input.registries).map(([id, r]) => ({
        id,
        provider: r.provider,
        aliases: r.aliases,
        versions: Object.entries(r.versions).map(([vid, attrs]) => ({
          id: vid,
          attrs: attrs ?? {},
          ...(r.retired[vid] !== undefined ? { retiredAtMs: r.retired[vid] } : {}),
        })),
      })),
      releases: Object.entries(input.releases).map(([id, versions]) => ({ id, versions, digest: releaseDigest(versions) })),
      initialRelease: input.initial,
      history: input.history,
      traffic,
      metrics: Object.entries(input.metrics).map(([name, m]) => ({ name, ...m })),
      suites: Object.entries(input.suites).map(([id, s]) => this.suite(id, s)),
      rules: input.rules.map((r, i) => this.rule(r, ['rules', i])),
      slos: Object.entries(input.slos).map(([metric, s]) => ({
        metric,
        windowMs: s.window,
        ...(s.min !== undefined ? { min: s.min } : {}),
        ...(s.max !== undefined ? { max: s.max } : {}),
      })),
      monitors: input.monitors.map((m, i) => ({ id: m.id, ...this.watch(m, ['monitors', i]) })),
      faults: input.faults.map((f, i) => ({ atMs: f.at, ...this.fault(f, ['faults', i]) }) as FaultSpec),
      agents: Object.entries(input.agents).map(([id, a]) => ({ id, privileges: a.privileges })),
      guardrails: {
        deletionProtection: input.guardrails.deletionProtection,
        leastPrivilege: input.guardrails.leastPrivilege,
        confirmDestructive: input.guardrails.confirmDestructive,
        remoteState: input.guardrails.remoteState,
        delayedDeleteMs: input.guardrails.delayedDelete,
      },
      escalationMs: input.escalation,
      settings: input.settings,
      actionMs: input.actionTimes,
      snapshotSuite: input.snapshotSuite,
    };
    spec.monitors.forEach((m, i) => this.relativeWatch(spec, m, ['monitors', i]));
    spec.rules.forEach((r, i) => this.checkRule(spec, r, ['rules', i]));
    spec.faults.forEach((f, i) => {
      if (f.type === 'rule') this.checkRule(spec, f.rule, ['faults', i, 'rule']);
    });
    this.stackReferences(spec);
    return spec;
  }

  /** Names, versions and values a rule reads must occur in some stack; a rule no stack can match is worth a warning. */
  checkRule(spec: ScenarioSpec, rule: RuleSpec, path: Path): void {
    for (const f of checkRule(spec, rule, path)) {
      const problem = this.source.problem(f.path, f.message, f.key);
      if (f.level === 'error') this.problems.push(problem);
      else this.warnings.push(problem);
    }
  }

  /** Stack keys the traffic reads (`$tts-service.timeoutMs`), and the attribute a table's writer names its format by. */
  private stackReferences(spec: ScenarioSpec): void {
    const { traffic } = spec;
    const refs: [Path, Param<Value> | undefined][] = [
      [['traffic', 'timeout'], traffic.timeoutMs],
      [['traffic', 'fallback', 'enabled'], traffic.fallback?.enabled],
      [['traffic', 'fallback', 'budget'], traffic.fallback?.budget],
    ];
    for (const [path, param] of refs) {
      const unknown = typeof param === 'object' ? unknownStackKey(spec, param.ref) : undefined;
      if (unknown) this.problem(path, unknown);
    }
    for (const c of spec.components) {
      c.database?.tables.forEach((t, i) => {
        const writer = t.format && spec.components.find((x) => x.id === t.format!.writer);
        if (writer && !attributesOf(spec, writer).has(t.format!.attr)) {
          this.problem(['components', c.id, 'database', 'tables', i, 'format', 'attr'], `${unknownName(`attribute of ${writer.id}`, t.format!.attr, attributesOf(spec, writer).keys())}: no version of ${writer.id} brings it, so no row would ever be written in a format`);
        }
      });
    }
  }

  /** A suite measures behaviour: answer quality, or a metric the scenario declares. */
  private suite(id: string, s: ScenarioInput['suites'][string]): SuiteSpec {
    const path = ['suites', id];
    if (!/^[a-z0-9][a-z0-9_-]*$/i.test(id)) this.problem(path, `a suite's name is letters, digits, dashes or underscores (its results are metrics named ${id}.MEASURE)`);
    if (Object.hasOwn(this.input.metrics, id) || BUILTIN_METRIC_NAMES.includes(id)) this.problem(path, `'${id}' is a metric already: give the suite another name`);
    const measurable = ['quality', ...Object.keys(this.input.metrics)];
    s.measures.forEach((m, i) => {
      if (measurable.includes(m)) return;
      const traffic = BUILTIN_METRIC_NAMES.includes(m) ? `${m} is measured on live traffic, not by a suite's cases; ` : '';
      this.problem([...path, 'measures', i], `${traffic}${unknownName('behaviour a suite can measure', m, measurable)}`);
    });
    const firstMs = s.first ?? s.every;
    if (firstMs >= this.input.horizon) this.warnings.push(this.source.problem([...path, s.first === undefined ? 'every' : 'first'], `the suite's first run is due at ${durationText(firstMs)}, at or after the horizon (${durationText(this.input.horizon)}): it would never run`));
    return { id, cases: s.cases, everyMs: s.every, firstMs, measures: s.measures };
  }

  /** A fall or rise in percent needs a baseline to be a percent of. */
  private relativeWatch(spec: ScenarioSpec, w: WatchSpec, path: Path): void {
    if (w.dropPct === undefined && w.risePct === undefined) return;
    const refusal = relativeRefusal(spec, w.metric, routeShare(spec, w.route));
    if (refusal !== undefined) this.problem([...path, w.dropPct !== undefined ? 'dropPct' : 'risePct'], refusal);
  }

  hints(): Hint[] {
    const schedule = scheduleHints(this.input.hints);
    for (const o of schedule.outOfOrder) this.problem(['hints', o.index, 'after'], o.message);
    return schedule.hints;
  }

  patterns(): Pattern[] {
    const seen = new Set<string>();
    this.input.patterns.forEach((p, i) => {
      if (!Object.hasOwn(PATTERNS, p)) this.problem(['patterns', i], unknownName('pattern', p, PATTERN_NAMES));
      else if (seen.has(p)) this.problem(['patterns', i], `pattern '${p}' is listed twice`);
      seen.add(p);
    });
    return this.input.patterns.filter((p): p is Pattern => Object.hasOwn(PATTERNS, p));
  }

  private component(id: string, c: ScenarioInput['components'][string]): void {
    const path = ['components', id];
    let versions: Record<string, Readonly<Record<string, Value>>> = {};
    if (Array.isArray(c.versions)) for (const v of c.versions) versions[v] = {};
    else if (c.versions) versions = Object.fromEntries(Object.entries(c.versions).map(([v, a]) => [v, a ?? {}]));
    if (c.kind === 'model') {
      const registry = c.registry === undefined ? undefined : own(this.input.registries, c.registry);
      if (!c.registry) this.problem(path, 'a model names the registry its versions come from', 'registry');
      else if (!registry) this.problem([...path, 'registry'], unknownName('registry', c.registry, Object.keys(this.input.registries)));
      else versions = Object.fromEntries([...Object.keys(registry.aliases), ...Object.keys(registry.versions)].map((v) => [v, {}]));
    } else if (Object.keys(versions).length === 0) {
      this.problem(path, `a ${c.kind} lists its versions`, 'versions');
    }
    if (c.kind === 'deployment' && !c.deployment) this.problem(path, 'a deployment needs a deployment block (pool, replicas, perPodRps)', 'deployment');
    if (c.kind === 'database' && !c.database) this.problem(path, 'a database needs a database block (migrations, tables, backups)', 'database');
    if (c.deployment && !Object.hasOwn(this.input.pools, c.deployment.pool)) {
      this.problem([...path, 'deployment', 'pool'], unknownName('pool', c.deployment.pool, Object.keys(this.input.pools)));
    }
    const d = c.deployment;
    const db = c.database;
    this.components.set(id, {
      id,
      layer: c.layer,
      kind: c.kind,
      versions,
      changeMs: c.change,
      ...(c.transition && {
        transition: {
          forMs: c.transition.for,
          rule: this.rule({ id: `${id}-transition`, when: {}, effect: c.transition.effect, explain: c.transition.explain }, [...path, 'transition']),
        },
      }),
      ...(c.registry !== undefined ? { registry: c.registry } : {}),
      ...(d && {
        deployment: {
          pool: d.pool,
          replicas: d.replicas,
          perPodRps: d.perPodRps,
          startMs: d.start,
          terminateMs: d.terminate,
          maxSurge: resolveCount(d.maxSurge, d.replicas, true),
          maxUnavailable: resolveCount(d.maxUnavailable, d.replicas, false),
          ...(d.standby
            ? {
                standby: {
                  track: d.standby.track,
                  version: d.standby.version,
                  replicas: d.standby.warm ? resolveCount(d.standby.replicas ?? d.replicas, d.replicas, true) : 0,
                },
              }
            : {}),
        },
      }),
      ...(db && {
        database: {
          migrations: db.migrations.map((m) => ({ from: m.from, to: m.to, kind: m.kind, reversible: m.reversible, upMs: m.up, downMs: m.down })),
          tables: db.tables.map((t) => ({
            name: t.name,
            rows: t.rows,
            writeRowsPerS: t.writesPerS,
            updateRowsPerS: t.updatesPerS,
            ...(t.format ? { format: t.format } : {}),
          })),
          restoreRowsPerS: db.restoreRowsPerS,
          restoreBaseMs: db.restoreBase,
          softDeleteMs: db.softDelete,
          pitr: db.pitr,
          backups: db.backups.map((b) => ({ id: b.id, ageMs: b.age, scope: b.scope, accessMs: b.access })),
          ...(db.rebuild ? { rebuild: db.rebuild } : {}),
        },
      }),
    });
  }

  private knownComponent(id: string, path: Path, key?: string): boolean {
    if (this.components.has(id)) return true;
    this.problem(path, unknownName('component', id, this.components.keys()), key);
    return false;
  }

  private knownVersion(component: string, v: string, path: Path): void {
    const c = this.components.get(component);
    if (c && !Object.hasOwn(c.versions, v)) this.problem(path, unknownName(`version of ${component}`, v, Object.keys(c.versions)));
  }

  private knownRelease(id: string, path: Path): void {
    if (!Object.hasOwn(this.input.releases, id)) this.problem(path, unknownName('release', id, Object.keys(this.input.releases)));
  }

  private knownMetric(name: string, path: Path, key?: string): void {
    if (!this.metricNames.has(name)) this.problem(path, unknownName('metric', name, this.metricNames), key);
  }

  private release(id: string, versions: Record<string, string>): void {
    for (const [cid, v] of Object.entries(versions)) {
      if (this.knownComponent(cid, ['releases', id], cid)) this.knownVersion(cid, v, ['releases', id, cid]);
    }
    const missing = [...this.components.keys()].filter((c) => !Object.hasOwn(versions, c));
    if (missing.length > 0) this.problem(['releases', id], `a release names a version of every component; missing: ${missing.join(', ')}`);
  }

  private traffic(): ScenarioSpec['traffic'] {
    const t = this.input.traffic;
    if (t.deployment !== undefined && this.knownComponent(t.deployment, ['traffic', 'deployment'])) {
      if (this.components.get(t.deployment)!.kind !== 'deployment') this.problem(['traffic', 'deployment'], `${t.deployment} is not a deployment`);
    }
    const param = <T extends Value>(v: T | string): T | { ref: string } =>
      typeof v === 'string' && v.startsWith('$') ? { ref: v.slice(1) } : (v as T);
    t.routes.forEach((r, i) => {
      for (const [cid, v] of Object.entries(r.overrides)) {
        if (!this.knownComponent(cid, ['traffic', 'routes', i, 'overrides'], cid)) continue;
        this.knownVersion(cid, v, ['traffic', 'routes', i, 'overrides', cid]);
        const kind = this.components.get(cid)!.kind;
        if (kind === 'database') this.problem(['traffic', 'routes', i, 'overrides', cid], `${cid} is a database: every route meets its one schema, so a route cannot override it`);
        if (kind === 'deployment') this.problem(['traffic', 'routes', i, 'overrides', cid], `${cid} is a deployment: a route meets the versions its pods run on the route's track (give the route a track, and the deployment a standby there)`);
      }
    });
    return {
      rps: t.rps,
      users: t.users,
      ...(t.deployment !== undefined ? { deployment: t.deployment } : {}),
      latency: { medianMs: t.latency.median, sigma: t.latency.sigma },
      baseErrorRate: t.errorRate,
      baseQuality: t.quality,
      timeoutMs: param<number>(t.timeout),
      retry: t.retry,
      queueS: t.queue / 1000,
      ...(t.fallback && {
        fallback: {
          enabled: param<boolean>(t.fallback.enabled),
          budget: param<string>(t.fallback.budget),
          latency: { medianMs: t.fallback.latency.median, sigma: t.fallback.latency.sigma },
          errorRate: t.fallback.errorRate,
          quality: t.fallback.quality,
        },
      }),
      routes: t.routes.map((r) => ({ name: r.name, weight: r.weight, track: r.track, overrides: r.overrides })),
    };
  }

  rule(r: RuleInput, path: Path): RuleSpec {
    const when = Object.entries(r.when).map(([key, v]) => parseCondition(key, v));
    for (const name of Object.keys(r.effect.metrics ?? {})) this.knownMetric(name, [...path, 'effect', 'metrics'], name);
    const e = r.effect;
    return {
      id: r.id,
      when,
      explain: r.explain,
      ...(r.scaleBy !== undefined ? { scaleBy: r.scaleBy } : {}),
      effect: {
        ...(e.crash !== undefined ? { crash: e.crash } : {}),
        ...(e.errorRate !== undefined ? { errorRate: e.errorRate } : {}),
        ...(e.latencyFactor !== undefined ? { latencyFactor: e.latencyFactor } : {}),
        ...(e.addedLatency !== undefined ? { addedLatencyMs: e.addedLatency } : {}),
        ...(e.capacityFactor !== undefined ? { capacityFactor: e.capacityFactor } : {}),
        ...(e.quality !== undefined ? { quality: e.quality } : {}),
        ...(e.metrics !== undefined ? { metrics: e.metrics } : {}),
        ...(e.sideEffects !== undefined ? { sideEffects: e.sideEffects } : {}),
      },
    };
  }

  watch(w: WatchInput, path: Path): WatchSpec {
    this.knownMetric(w.metric, [...path, 'metric']);
    if (w.route !== undefined && !this.input.traffic.routes.some((r) => r.name === w.route)) {
      this.problem([...path, 'route'], unknownName('route', w.route, this.input.traffic.routes.map((r) => r.name)));
    }
    return compileWatch(w);
  }

  fault(f: FaultInput, path: Path): FaultAction {
    if ('deploy' in f) {
      this.knownRelease(f.deploy, [...path, 'deploy']);
      return { type: 'deploy', release: f.deploy, ...(f.maxUnavailable !== undefined ? { maxUnavailable: this.servingCount(f.maxUnavailable) } : {}) };
    }
    if ('setVersion' in f) {
      if (this.knownComponent(f.setVersion.component, [...path, 'setVersion', 'component'])) {
        this.knownVersion(f.setVersion.component, f.setVersion.version, [...path, 'setVersion', 'version']);
      }
      return { type: 'set-version', component: f.setVersion.component, version: f.setVersion.version };
    }
    if ('set' in f) {
      const fixed = unsettable({ components: [...this.components.values()], settings: this.input.settings }, f.set.key);
      if (fixed !== undefined) this.problem([...path, 'set', 'key'], `${fixed}${fixed.startsWith('unknown') ? '' : ' (a fault changes a version with setVersion or deploy)'}`);
      return { type: 'set', key: f.set.key, value: f.set.value };
    }
    if ('moveAlias' in f) {
      const r = own(this.input.registries, f.moveAlias.registry);
      if (!r) this.problem([...path, 'moveAlias', 'registry'], unknownName('registry', f.moveAlias.registry, Object.keys(this.input.registries)));
      else if (!Object.hasOwn(r.versions, f.moveAlias.to)) this.problem([...path, 'moveAlias', 'to'], unknownName('version', f.moveAlias.to, Object.keys(r.versions)));
      return { type: 'move-alias', ...f.moveAlias };
    }
    if ('retire' in f) {
      const r = own(this.input.registries, f.retire.registry);
      if (!r) this.problem([...path, 'retire', 'registry'], unknownName('registry', f.retire.registry, Object.keys(this.input.registries)));
      else if (!Object.hasOwn(r.versions, f.retire.version)) this.problem([...path, 'retire', 'version'], unknownName('version', f.retire.version, Object.keys(r.versions)));
      return { type: 'retire', ...f.retire };
    }
    if ('agent' in f) {
      if (!Object.hasOwn(this.input.agents, f.agent)) this.problem([...path, 'agent'], unknownName('agent', f.agent, Object.keys(this.input.agents)));
      this.agentTargets(f.action, [...path, 'action']);
      return { type: 'agent', agent: f.agent, action: f.action as AgentActionSpec };
    }
    if ('traffic' in f) return { type: 'traffic', factor: f.traffic.factor, forMs: f.traffic.for };
    if ('rule' in f) {
      return {
        type: 'rule',
        rule: this.rule(f.rule, [...path, 'rule']),
        ...(f.for !== undefined ? { forMs: f.for } : {}),
        ...(f.ramp !== undefined ? { rampMs: f.ramp } : {}),
      };
    }
    if ('switch' in f) {
      const routes = this.input.traffic.routes.map((r) => r.name);
      if (!routes.includes(f.switch.route)) this.problem([...path, 'switch', 'route'], unknownName('route', f.switch.route, routes));
      const dep = this.input.traffic.deployment ? own(this.input.components, this.input.traffic.deployment)?.deployment : undefined;
      const tracks = ['main', ...(dep?.standby ? [dep.standby.track] : [])];
      if (!tracks.includes(f.switch.track)) this.problem([...path, 'switch', 'track'], unknownName('track', f.switch.track, tracks));
      return { type: 'switch', route: f.switch.route, track: f.switch.track };
    }
    this.knownRelease(f.canary, [...path, 'canary']);
    if (!this.input.traffic.routes.some((r) => r.name === 'canary')) this.problem([...path, 'canary'], "a canary needs a route named 'canary' in traffic.routes");
    return { type: 'canary', release: f.canary, stages: f.stages.map((s) => ({ weight: s.weight, holdMs: s.hold })) };
  }

  private servingCount(v: number | string): number {
    const dep = this.input.traffic.deployment;
    const replicas = dep ? (own(this.input.components, dep)?.deployment?.replicas ?? 0) : 0;
    return resolveCount(v, replicas, false);
  }

  private agentTargets(a: AgentActionSpec, path: Path): void {
    const dbs = a.kind === 'destroy' ? a.databases : [a.database];
    dbs.forEach((db, i) => {
      const c = own(this.input.components, db);
      if (!c || c.kind !== 'database') {
        const known = Object.entries(this.input.components).filter(([, x]) => x.kind === 'database').map(([k]) => k);
        this.problem(a.kind === 'destroy' ? [...path, 'databases', i] : [...path, 'database'], unknownName('database', db, known));
      } else if (a.kind === 'drop-table' && !c.database?.tables.some((t) => t.name === a.table)) {
        this.problem([...path, 'table'], unknownName(`table of ${db}`, a.table, c.database?.tables.map((t) => t.name) ?? []));
      }
    });
  }
}

export function compileWatch(w: WatchInput): WatchSpec {
  return {
    metric: w.metric,
    windowMs: w.window,
    forMs: w.for,
    minCount: w.minCount,
    ...(w.route !== undefined ? { route: w.route } : {}),
    ...(w.above !== undefined ? { above: w.above } : {}),
    ...(w.below !== undefined ? { below: w.below } : {}),
    ...(w.dropPct !== undefined ? { dropPct: w.dropPct } : {}),
    ...(w.risePct !== undefined ? { risePct: w.risePct } : {}),
    ...(w.longWindow !== undefined ? { longWindowMs: w.longWindow } : {}),
  };
}
