import type { Kernel } from './kernel.js';
import type { Rng } from './random.js';
import type { DeploymentSpec, PoolSpec } from './spec.js';

export type PodPhase = 'pending' | 'starting' | 'ready' | 'crashloop' | 'terminating';

export interface Pod {
  id: number;
  deployment: string;
  track: string;
  version: string;
  phase: PodPhase;
  restarts: number;
  /** Bumped whenever the pod changes course, so its stale timers do nothing. */
  generation: number;
  holdsSlot: boolean;
  crashReason?: string;
}

export interface Pool {
  id: string;
  slots: number;
  used: number;
  /** Pods waiting for a free slot, first come first served. */
  waiting: Pod[];
}

export interface RolloutPlan {
  version: string;
  recreate: boolean;
  maxSurge: number;
  maxUnavailable: number;
}

export interface Rollout extends RolloutPlan {
  deployment: string;
  track: string;
  cause: string;
  /** Last time a pod of the new version became ready or an old one left (Kubernetes' progress). */
  progressMs: number;
  done: boolean;
  /** Called once: with true when every pod of the track runs the version, false when superseded. */
  onEnd: ((converged: boolean) => void)[];
}

export interface Deployment {
  id: string;
  spec: DeploymentSpec;
  replicas: Map<string, number>;
  pods: Pod[];
  rollouts: Map<string, Rollout>;
}

export interface FleetHooks {
  /** Why a pod of this version cannot start in the current world, or null when it can. */
  crashReason(deployment: string, version: string): string | null;
  /** Pods appeared, left, or became ready or unready: what serves traffic changed. */
  changed(cause: string): void;
}

/** Per deployment: pods by phase, and which versions run on each track. */
export interface FleetSummary {
  crashloop: number;
  pending: number;
  /** track -> version -> ready pods */
  ready: Map<string, Map<string, number>>;
  /** track -> version -> pods holding a slot (starting, ready or crash-looping) */
  placed: Map<string, Map<string, number>>;
}

/** CrashLoopBackOff: 10 s doubling to 5 min, as Kubernetes does. */
export function backoffMs(restarts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, restarts - 1), 300_000);
}

/**
 * Pods, slot pools and rolling updates. The rolling update follows the Kubernetes deployment
 * controller's arithmetic: at most replicas + maxSurge pods, and old pods are removed only
 * while total - (replicas - maxUnavailable) - unavailable new pods stays positive. A pod that
 * crash-loops keeps its slot, so a full pool can leave a rollout with nowhere to go.
 */
export class Fleet {
  readonly pools = new Map<string, Pool>();
  readonly deployments = new Map<string, Deployment>();
  /** Bumped when what serves traffic changes (not on every crash-loop restart). */
  epoch = 0;
  private nextPodId = 1;
  private summaryEpoch = -1;
  private summaries = new Map<string, FleetSummary>();

  constructor(
    private readonly kernel: Kernel,
    private readonly rng: Rng,
    private readonly hooks: FleetHooks,
  ) {}

  addPool(spec: PoolSpec): void {
    this.pools.set(spec.id, { id: spec.id, slots: spec.slots, used: 0, waiting: [] });
  }

  addDeployment(id: string, spec: DeploymentSpec, version: string): void {
    const d: Deployment = { id, spec, replicas: new Map(), pods: [], rollouts: new Map() };
    this.deployments.set(id, d);
    this.seedReady(d, 'main', version, spec.replicas);
    if (spec.standby) this.seedReady(d, spec.standby.track, spec.standby.version, spec.standby.warm ? spec.replicas : 0);
  }

  /** Pods already running when the drill starts. */
  private seedReady(d: Deployment, track: string, version: string, count: number): void {
    d.replicas.set(track, count);
    const pool = this.pool(d);
    for (let i = 0; i < count; i++) {
      const pod = this.newPod(d.id, track, version);
      if (pool.used < pool.slots) {
        pool.used++;
        pod.holdsSlot = true;
        pod.phase = 'ready';
      } else {
        pool.waiting.push(pod);
      }
      d.pods.push(pod);
    }
  }

  pool(d: Deployment): Pool {
    const pool = this.pools.get(d.spec.pool);
    if (!pool) throw new Error(`deployment ${d.id} uses unknown pool ${d.spec.pool}`);
    return pool;
  }

  get(id: string): Deployment {
    const d = this.deployments.get(id);
    if (!d) throw new Error(`unknown deployment ${id}`);
    return d;
  }

  /** Starts (or replaces) the rollout of one track towards a version. */
  rollout(id: string, track: string, plan: RolloutPlan, cause: string): Rollout {
    const d = this.get(id);
    const previous = d.rollouts.get(track);
    const r: Rollout = { ...plan, deployment: id, track, cause, progressMs: this.kernel.now, done: false, onEnd: [] };
    if (previous && !previous.done) this.end(previous, false);
    d.rollouts.set(track, r);
    this.reconcile(d, track);
    return r;
  }

  scale(id: string, track: string, replicas: number, cause: string): void {
    const d = this.get(id);
    d.replicas.set(track, replicas);
    const live = d.pods.filter((p) => p.track === track && p.phase !== 'terminating');
    const excess = live.length - replicas;
    if (excess > 0) for (const pod of byRemovalOrder(live).slice(0, excess)) this.terminate(d, pod, cause);
    else for (let i = 0; i < -excess; i++) this.create(d, track, this.trackVersion(d, track), cause);
    this.touch(cause);
    this.reconcile(d, track);
  }

  /** The version new pods of a track get: the rollout's target, else the newest pod's. */
  trackVersion(d: Deployment, track: string): string {
    const r = d.rollouts.get(track);
    if (r) return r.version;
    const pods = d.pods.filter((p) => p.track === track);
    if (pods.length > 0) return pods[pods.length - 1]!.version;
    if (d.spec.standby?.track === track) return d.spec.standby.version;
    throw new Error(`track ${track} of ${d.id} has no version`);
  }

  /**
   * Moves a track's rollout one step: creates the pods it may, removes the old pods it may. Called
   * whenever a pod of the track becomes ready or leaves. One pass to count, no allocation unless
   * pods must go.
   */
  private reconcile(d: Deployment, track: string): void {
    const r = d.rollouts.get(track);
    if (!r || r.done) return;
    const desired = d.replicas.get(track) ?? 0;
    let live = 0;
    let fresh = 0;
    let freshUnready = 0;
    let terminating = false;
    for (const p of d.pods) {
      if (p.track !== track) continue;
      if (p.phase === 'terminating') {
        terminating = true;
        continue;
      }
      live++;
      if (p.version === r.version) {
        fresh++;
        if (p.phase !== 'ready') freshUnready++;
      }
    }
    const old = live - fresh;
    if (r.recreate) {
      if (old > 0) {
        for (const pod of d.pods.filter((p) => p.track === track && p.phase !== 'terminating' && p.version !== r.version)) this.terminate(d, pod, r.cause);
        return;
      }
      if (terminating) return;
      for (let n = fresh; n < desired; n++) this.create(d, track, r.version, r.cause);
    } else {
      let total = live;
      let created = 0;
      while (total < desired + r.maxSurge && fresh + created < desired) {
        this.create(d, track, r.version, r.cause);
        total++;
        created++;
      }
      const removable = Math.min(old, total - (desired - r.maxUnavailable) - (freshUnready + created));
      if (removable > 0) {
        const candidates = d.pods.filter((p) => p.track === track && p.phase !== 'terminating' && p.version !== r.version);
        for (const pod of byRemovalOrder(candidates).slice(0, removable)) this.terminate(d, pod, r.cause);
      }
    }
    this.checkDone(d, r);
  }

  private checkDone(d: Deployment, r: Rollout): void {
    const desired = d.replicas.get(r.track) ?? 0;
    let ready = 0;
    for (const p of d.pods) {
      if (p.track !== r.track) continue;
      if (p.version !== r.version) return;
      if (p.phase === 'ready') ready++;
    }
    if (ready < desired) return;
    this.end(r, true);
  }

  private end(r: Rollout, converged: boolean): void {
    r.done = true;
    for (const fn of r.onEnd) fn(converged);
  }

  private newPod(deployment: string, track: string, version: string): Pod {
    return { id: this.nextPodId++, deployment, track, version, phase: 'pending', restarts: 0, generation: 0, holdsSlot: false };
  }

  private create(d: Deployment, track: string, version: string, cause: string): void {
    const pod = this.newPod(d.id, track, version);
    d.pods.push(pod);
    const pool = this.pool(d);
    if (pool.used < pool.slots) this.admit(d, pool, pod, cause);
    else {
      pool.waiting.push(pod);
      this.touch(cause);
    }
  }

  private admit(d: Deployment, pool: Pool, pod: Pod, cause: string): void {
    pool.used++;
    pod.holdsSlot = true;
    this.start(d, pod, cause);
  }

  private start(d: Deployment, pod: Pod, cause: string): void {
    const firstStart = pod.phase !== 'crashloop';
    pod.phase = 'starting';
    const gen = ++pod.generation;
    this.kernel.after(d.spec.startMs * this.rng.jitter(0.15), () => {
      if (pod.generation !== gen) return;
      const reason = this.hooks.crashReason(d.id, pod.version);
      if (reason === null) {
        pod.phase = 'ready';
        pod.crashReason = undefined;
        this.progressed(d, pod);
        this.touch(cause);
        this.reconcile(d, pod.track);
        return;
      }
      pod.phase = 'crashloop';
      pod.crashReason = reason;
      pod.restarts++;
      const next = ++pod.generation;
      this.kernel.after(backoffMs(pod.restarts), () => {
        if (pod.generation === next) this.start(d, pod, cause);
      });
      // A restart that crashes again changes nothing that serves traffic: no reconcile needed.
      if (pod.restarts === 1) this.touch(cause);
    });
    if (firstStart) this.touch(cause);
  }

  private progressed(d: Deployment, pod: Pod): void {
    const r = d.rollouts.get(pod.track);
    if (r && !r.done) r.progressMs = this.kernel.now;
  }

  private touch(cause: string): void {
    this.epoch++;
    this.hooks.changed(cause);
  }

  /** Pod counts per deployment, recomputed only when the fleet changed. */
  summary(id: string): FleetSummary {
    if (this.summaryEpoch !== this.epoch) {
      this.summaryEpoch = this.epoch;
      this.summaries = new Map();
      for (const d of this.deployments.values()) {
        const s: FleetSummary = { crashloop: 0, pending: 0, ready: new Map(), placed: new Map() };
        for (const p of d.pods) {
          // A pod restarting after a crash is still in CrashLoopBackOff as far as anyone can tell.
          if (p.phase === 'crashloop' || (p.phase === 'starting' && p.restarts > 0)) s.crashloop++;
          if (p.phase === 'pending') s.pending++;
          if (p.phase === 'ready') bump(s.ready, p.track, p.version);
          if (p.phase === 'ready' || p.phase === 'starting' || p.phase === 'crashloop') bump(s.placed, p.track, p.version);
        }
        this.summaries.set(d.id, s);
      }
    }
    return this.summaries.get(id)!;
  }

  private terminate(d: Deployment, pod: Pod, cause: string): void {
    if (pod.phase === 'terminating') return;
    const pool = this.pool(d);
    pod.generation++;
    if (!pod.holdsSlot) {
      const i = pool.waiting.indexOf(pod);
      if (i >= 0) pool.waiting.splice(i, 1);
      d.pods.splice(d.pods.indexOf(pod), 1);
      this.touch(cause);
      return;
    }
    pod.phase = 'terminating';
    const gen = pod.generation;
    this.kernel.after(d.spec.terminateMs, () => {
      if (pod.generation !== gen) return;
      d.pods.splice(d.pods.indexOf(pod), 1);
      pod.holdsSlot = false;
      pool.used--;
      this.progressed(d, pod);
      this.touch(cause);
      this.admitWaiting(pool, cause);
      this.reconcile(d, pod.track);
    });
    this.touch(cause);
  }

  private admitWaiting(pool: Pool, cause: string): void {
    while (pool.used < pool.slots && pool.waiting.length > 0) {
      const pod = pool.waiting.shift()!;
      this.admit(this.get(pod.deployment), pool, pod, cause);
    }
  }

  count(id: string, phase: PodPhase, track?: string): number {
    let n = 0;
    for (const p of this.get(id).pods) if (p.phase === phase && (track === undefined || p.track === track)) n++;
    return n;
  }
}

function bump(m: Map<string, Map<string, number>>, track: string, version: string): void {
  let byVersion = m.get(track);
  if (!byVersion) m.set(track, (byVersion = new Map()));
  byVersion.set(version, (byVersion.get(version) ?? 0) + 1);
}

const REMOVAL_RANK: Record<PodPhase, number> = { pending: 0, crashloop: 1, starting: 2, ready: 3, terminating: 4 };

/** Which pods go first when scaling down: the ones doing least good (as Kubernetes ranks them). */
function byRemovalOrder(pods: Pod[]): Pod[] {
  return [...pods].sort((a, b) => REMOVAL_RANK[a.phase] - REMOVAL_RANK[b.phase] || b.id - a.id);
}
