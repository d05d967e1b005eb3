import { rowsAt } from './data.js';
import type { Drill, EndReason } from './drill.js';
import { baselineOf } from './metric-table.js';
import { describeWatch } from './monitors.js';
import { routeViews, type RouteView } from './route-view.js';
import { shownMetrics, SignalReader, type MetricView } from './signal-view.js';
import type { Layer, SideEffectClass } from './spec.js';

export { RECENT_TICKS, DISPLAY_WINDOW_MS, type MetricView, type RouteReading } from './signal-view.js';
export type { RouteView } from './route-view.js';

/** What an on-call engineer would call a component's state, read from what can be seen. */
export type Health = 'ok' | 'degraded' | 'down';

export interface PodCounts {
  ready: number;
  starting: number;
  crashloop: number;
  pending: number;
  terminating: number;
}

export interface ComponentView {
  id: string;
  layer: Layer;
  kind: string;
  /** What it runs: a version, an alias and what it resolves to, a schema. */
  version: string;
  health: Health;
  /** One line of what is visible about it (pods, alias target, tables). */
  detail: string;
  pods?: PodCounts & { replicas: number; byVersion: { track: string; version: string; pods: number }[] };
}

export interface AlertView {
  id: string;
  text: string;
  sinceMs: number;
}

export interface ActionView {
  id: number;
  text: string;
  by: string;
  startMs: number;
  status: string;
  expectedEndMs?: number;
  /** `abort #id` can stop it now. */
  abortable: boolean;
}

/** One cheap read of a running drill, for a screen: everything a team could see, nothing it could not. */
export interface Snapshot {
  nowMs: number;
  ended?: EndReason;
  targetMs: number;
  impactStartMs?: number;
  detectMs?: number;
  detectedBy?: string;
  mitigateMs?: number;
  recoverMs?: number;
  release?: string;
  layers: { layer: Layer; components: ComponentView[] }[];
  pools: { id: string; used: number; slots: number }[];
  routes: RouteView[];
  metrics: MetricView[];
  alerts: AlertView[];
  actions: ActionView[];
  databases: { id: string; schema: string; state: string; tables: { name: string; rows: number | null }[]; backups: { id: string; ageMs: number; status: string }[] }[];
  sideEffects: { kind: string; class: SideEffectClass; count: number }[];
  /** The last second's demand (first tries and retries) against what the ready pods can serve; absent where nothing bounds capacity (a model behind a provider's API). */
  load?: { requestsPerS: number; capacityRps: number };
  /** Entries in the drill's log so far: a screen appends log[seen..logLength]. */
  logLength: number;
}

const LAYERS: Layer[] = ['model', 'serving', 'features', 'data'];

/**
 * Reads a snapshot off a running drill on demand. Metrics come from the series' own rings and
 * pods from the fleet's counters, so a read copies only the last seconds asked for and a few
 * numbers, never the drill's history; the only thing kept here is when each alert began firing.
 */
export class DrillView {
  private readonly names: string[];
  private readonly alertSince = new Map<string, number>();
  private readonly buffer = new Float64Array(1);
  private readonly signals: SignalReader;
  /** Whether ready pods bound what the system can serve: without, a load line compares with nothing. */
  private readonly bounded: boolean;

  constructor(readonly drill: Drill) {
    this.names = shownMetrics(drill.spec);
    this.signals = new SignalReader(drill.spec, drill.world.metrics);
    this.bounded = baselineOf(drill.spec, 'capacityRps') !== undefined;
    drill.onTick(() => this.record());
  }

  private record(): void {
    for (const m of this.drill.monitors) {
      if (m.firing && !this.alertSince.has(m.spec.id)) this.alertSince.set(m.spec.id, this.drill.now);
      if (!m.firing) this.alertSince.delete(m.spec.id);
    }
  }

  snapshot(): Snapshot {
    const { drill } = this;
    const { world, tracker } = drill;
    return {
      nowMs: drill.now,
      ...(drill.endReason ? { ended: drill.endReason } : {}),
      targetMs: drill.spec.targetMs,
      ...optional('impactStartMs', tracker.impactStartMs),
      ...optional('detectMs', tracker.detectMs),
      ...optional('detectedBy', tracker.detectedBy),
      ...optional('mitigateMs', tracker.mitigateMs),
      ...optional('recoverMs', tracker.recoverMs),
      ...optional('release', world.currentRelease()),
      layers: LAYERS.map((layer) => ({ layer, components: this.components(layer) })).filter((l) => l.components.length > 0),
      pools: [...world.fleet.pools.keys()].map((id) => {
        const { used, slots } = world.fleet.poolUse(id);
        return { id, used, slots };
      }),
      routes: routeViews(world),
      metrics: this.signals.read(this.names, this.comparedRoutes()),
      alerts: drill.monitors.filter((m) => m.firing).map((m) => ({ id: m.spec.id, text: describeWatch(m.spec), sinceMs: this.alertSince.get(m.spec.id) ?? drill.now })),
      actions: drill.actions.records
        .filter((r) => r.status === 'running')
        .map((r) => ({
          id: r.id,
          text: r.text,
          by: r.by,
          startMs: r.startMs,
          status: r.status,
          ...optional('expectedEndMs', r.expectedEndMs),
          abortable: world.inFlight.get(r.id)?.refusal === undefined,
        })),
      databases: [...world.databases.values()].map((db) => ({
        id: db.id,
        schema: db.schema,
        state: db.state,
        tables: db.tables.map((t) => ({ name: t.name, rows: t.present ? Math.round(rowsAt(t, world.now)) : null })),
        backups: db.backups.map((b) => ({ id: b.spec.id, ageMs: world.now - b.takenMs, status: b.destroyedBy ? 'destroyed' : b.accessible ? 'available' : 'provider-held' })),
      })),
      sideEffects: [...tracker.sideEffects.values()].map((s) => ({ kind: s.kind, class: s.class, count: s.count })),
      ...optional('load', this.load()),
      logLength: world.log.length,
    };
  }

  /** Routes to read side by side: those with users, while there are several. */
  private comparedRoutes(): string[] {
    const live = this.drill.world.liveRoutes();
    return live.length > 1 ? live.map((r) => r.name) : [];
  }

  private load(): { requestsPerS: number; capacityRps: number } | undefined {
    if (!this.bounded) return undefined;
    const { metrics } = this.drill.world;
    const last = (name: string): number => (metrics.find('all', name)?.recent(this.buffer) ? this.buffer[0]! : NaN);
    const requestsPerS = last('requests');
    const capacityRps = last('capacityRps');
    return Number.isNaN(requestsPerS) || Number.isNaN(capacityRps) ? undefined : { requestsPerS, capacityRps };
  }

  private components(layer: Layer): ComponentView[] {
    const { world } = this.drill;
    const out: ComponentView[] = [];
    for (const c of world.components.values()) {
      if (c.spec.layer !== layer) continue;
      const base = { id: c.spec.id, layer, kind: c.spec.kind, version: world.versionOf(c.spec.id) };
      if (c.spec.kind === 'deployment') out.push({ ...base, ...this.deployment(c.spec.id) });
      else if (c.spec.kind === 'model') out.push({ ...base, ...this.model(c.spec.id, c.spec.registry!) });
      else if (c.spec.kind === 'database') out.push({ ...base, ...this.database(c.spec.id) });
      else out.push({ ...base, health: 'ok', detail: c.spec.kind });
    }
    return out;
  }

  private deployment(id: string): Pick<ComponentView, 'health' | 'detail' | 'pods'> {
    const { fleet } = this.drill.world;
    const phases = fleet.counts(id);
    // kubectl shows a pod restarting after a crash as CrashLoopBackOff, not as starting.
    const { crashloop } = fleet.summary(id);
    const counts: PodCounts = { ...phases, crashloop, starting: phases.starting - (crashloop - phases.crashloop) };
    const byVersion: { track: string; version: string; pods: number }[] = [];
    for (const track of fleet.tracks(id)) {
      for (const [version, c] of fleet.versionCounts(id, track)) byVersion.push({ track, version, pods: c.pending + c.starting + c.ready + c.crashloop + c.terminating });
    }
    const replicas = [...fleet.get(id).replicas.values()].reduce((sum, r) => sum + r, 0);
    const health: Health = counts.crashloop > 0 || counts.ready === 0 ? 'down' : counts.pending > 0 || counts.ready < replicas ? 'degraded' : 'ok';
    const parts = [`${counts.ready}/${replicas} ready`];
    if (counts.starting) parts.push(`${counts.starting} starting`);
    if (counts.crashloop) parts.push(`${counts.crashloop} CrashLoopBackOff`);
    if (counts.pending) parts.push(`${counts.pending} Pending`);
    if (counts.terminating) parts.push(`${counts.terminating} terminating`);
    // Mid-rollout the component's version is where it is going; say what each version's pods are doing.
    const versions = new Set(byVersion.map((v) => v.version));
    if (versions.size > 1) {
      for (const track of fleet.tracks(id)) {
        for (const [version, c] of fleet.versionCounts(id, track)) {
          const total = c.pending + c.starting + c.ready + c.crashloop + c.terminating;
          parts.push(`${fleet.tracks(id).length > 1 ? `${track} ` : ''}${version}: ${c.ready}/${total} ready`);
        }
      }
    }
    return { health, detail: parts.join(', '), pods: { ...counts, replicas, byVersion } };
  }

  private model(id: string, registryId: string): Pick<ComponentView, 'health' | 'detail'> {
    const { world } = this.drill;
    const r = world.registries.get(registryId)!.resolve(world.versionOf(id), world.now);
    // Which dated version a floating alias serves is the provider's business: a silent update does not show here.
    const detail = r.alias ? `floating alias ${r.alias}` : `pinned ${r.version}`;
    return r.retired ? { health: 'down', detail: `${detail} (retired)` } : { health: 'ok', detail };
  }

  private database(id: string): Pick<ComponentView, 'health' | 'detail'> {
    const db = this.drill.world.databases.get(id)!;
    const gone = db.tables.filter((t) => !t.present).map((t) => t.name);
    const health: Health = db.state !== 'up' ? 'down' : gone.length > 0 ? 'degraded' : 'ok';
    const detail = [`schema ${db.schema}`, db.state !== 'up' ? db.state : '', gone.length ? `missing: ${gone.join(', ')}` : ''].filter(Boolean).join(', ');
    return { health, detail };
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
