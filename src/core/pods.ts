import type { Cause } from './cause.js';
import type { Kernel } from './kernel.js';
import { PodBook, zeroCounts, type PhaseCounts, type Pod, type PodPhase, type TrackedPod } from './pod-book.js';
import type { Rng } from './random.js';
import { SlotPool } from './slot-pool.js';
import type { DeploymentSpec, PoolSpec } from './spec.js';

export type { PhaseCounts, Pod, PodPhase } from './pod-book.js';
export { SlotPool } from './slot-pool.js';

export interface RolloutPlan {
  version: string;
  recreate: boolean;
  maxSurge: number;
  maxUnavailable: number;
}

export interface Rollout extends RolloutPlan {
  deployment: string;
  track: string;
  cause: Cause;
  /** Last time a pod of the new version became ready or an old one left (Kubernetes' progress). */
  progressMs: number;
  done: boolean;
  /**
   * Called once: with true when every pod of the track runs the version; false when a newer
   * rollout of the track superseded it, with that rollout's cause.
   */
  onEnd: ((converged: boolean, supersededBy?: Cause) => void)[];
}

export class Deployment {
  readonly replicas = new Map<string, number>();
  readonly rollouts = new Map<string, Rollout>();
  /** Per track, the version its last completed rollout reached (or it started at): what an abort returns to, as Argo Rollouts' stable ReplicaSet. */
  readonly stable = new Map<string, string>();
  /** Pods by track, version and phase, kept up to date by every change. */
  readonly book = new PodBook();

  constructor(
    readonly id: string,
    readonly spec: DeploymentSpec,
  ) {}

  /** Every pod present, oldest first. */
  get pods(): readonly Pod[] {
    return this.book.pods();
  }
}

export interface FleetHooks {
  /** Why a pod of this version cannot start in the current world, or null when it can. */
  crashReason(deployment: string, version: string): string | null;
  /** Pods appeared, left, or became ready or unready: what serves traffic changed. */
  changed(cause: Cause): void;
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
  // Capped from the sixth restart on (10 s x 2^5 > 5 min): no power to compute for most restarts.
  return restarts > 5 ? 300_000 : Math.min(10_000 * 2 ** Math.max(0, restarts - 1), 300_000);
}

/**
 * Pods, slot pools and rolling updates. The rolling update follows the Kubernetes deployment
 * controller's arithmetic: at most replicas + maxSurge pods, and old pods are removed only
 * while total - (replicas - maxUnavailable) - unavailable new pods stays positive. A pod that
 * crash-loops keeps its slot, so a full pool can leave a rollout with nowhere to go.
 *
 * Every pod event reads and updates counts kept per track, version and phase (see PodBook):
 * its cost does not grow with the fleet, so a drill of 10,000 pods costs what its events do.
 */
export class Fleet {
  readonly pools = new Map<string, SlotPool>();
  readonly deployments = new Map<string, Deployment>();
  /** Bumped when what serves traffic changes (not on every crash-loop restart). */
  epoch = 0;
  private nextPodId = 1;
  private readonly summaries = new Map<string, { epoch: number; summary: FleetSummary }>();

  constructor(
    private readonly kernel: Kernel,
    private readonly rng: Rng,
    private readonly hooks: FleetHooks,
  ) {}

  addPool(spec: PoolSpec): void {
    this.pools.set(spec.id, new SlotPool(spec.id, spec.slots));
  }

  addDeployment(id: string, spec: DeploymentSpec, version: string): void {
    const d = new Deployment(id, spec);
    this.deployments.set(id, d);
    this.seedReady(d, 'main', version, spec.replicas);
    if (spec.standby) this.seedReady(d, spec.standby.track, spec.standby.version, spec.standby.replicas);
  }

  /** Pods already running when the drill starts. */
  private seedReady(d: Deployment, track: string, version: string, count: number): void {
    d.replicas.set(track, count);
    d.stable.set(track, version);
    const pool = this.pool(d);
    for (let i = 0; i < count; i++) {
      const pod = this.newPod(d, track, version);
      if (pool.free) {
        pool.used++;
        pod.holdsSlot = true;
        d.book.setPhase(pod, 'ready');
      } else {
        pool.enqueue(pod);
      }
    }
  }

  pool(d: Deployment): SlotPool {
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
  rollout(id: string, track: string, plan: RolloutPlan, cause: Cause): Rollout {
    const d = this.get(id);
    const previous = d.rollouts.get(track);
    const r: Rollout = { ...plan, deployment: id, track, cause, progressMs: this.kernel.now, done: false, onEnd: [] };
    if (previous && !previous.done) this.end(previous, false, cause);
    d.rollouts.set(track, r);
    this.reconcile(d, track);
    return r;
  }

  /**
   * Aborts a track's rollout the way Argo Rollouts does: the track goes back to `version` (its
   * stable one), and the pods of other versions that serve nothing (Pending, starting,
   * crash-looping) go at once, freeing their slots, while ready ones are replaced within the
   * aborted rollout's surge and unavailability limits as pods of `version` come up. Returns the
   * rollout back and how many pods went at once.
   */
  abortRollout(id: string, track: string, version: string, cause: Cause): { rollout: Rollout; removed: number } {
    const d = this.get(id);
    const aborted = d.rollouts.get(track);
    const spec = d.spec;
    const unready = d.book.others(track, version).filter((p) => p.phase !== 'ready');
    for (const pod of unready) this.terminate(d, pod, cause);
    if (unready.length > 0) this.touch(cause);
    const plan = { version, recreate: false, maxSurge: aborted?.maxSurge ?? spec.maxSurge, maxUnavailable: aborted?.maxUnavailable ?? spec.maxUnavailable };
    return { rollout: this.rollout(id, track, plan, cause), removed: unready.length };
  }

  scale(id: string, track: string, replicas: number, cause: Cause): void {
    const d = this.get(id);
    d.replicas.set(track, replicas);
    const excess = (d.book.track(track)?.live ?? 0) - replicas;
    if (excess > 0) for (const pod of d.book.takeForRemoval(track, excess)) this.terminate(d, pod, cause);
    else for (let i = 0; i < -excess; i++) this.create(d, track, this.trackVersion(d, track), cause);
    this.touch(cause);
    this.reconcile(d, track);
  }

  /**
   * The version new pods of a track get: the rollout's target, else the version its pods were
   * created at (a track scaled to zero and back comes back at it), else its standby version.
   */
  trackVersion(d: Deployment, track: string): string {
    const r = d.rollouts.get(track);
    if (r) return r.version;
    const last = d.book.track(track)?.lastVersion;
    if (last !== undefined) return last;
    if (d.spec.standby?.track === track) return d.spec.standby.version;
    throw new Error(`track ${track} of ${d.id} has no version`);
  }

  /**
   * Moves a track's rollout one step: creates the pods it may, removes the old pods it may. Called
   * whenever a pod of the track becomes ready or leaves. Reads counts, never the pods themselves.
   */
  private reconcile(d: Deployment, track: string): void {
    const r = d.rollouts.get(track);
    if (!r || r.done) return;
    const desired = d.replicas.get(track) ?? 0;
    const t = d.book.track(track);
    const target = t?.version(r.version);
    const live = t?.live ?? 0;
    const fresh = target?.live ?? 0;
    const freshUnready = fresh - (target?.counts.ready ?? 0);
    const terminating = (t?.counts.terminating ?? 0) > 0;
    const old = live - fresh;
    if (r.recreate) {
      if (old > 0) {
        for (const pod of d.book.others(track, r.version)) this.terminate(d, pod, r.cause);
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
      if (removable > 0) for (const pod of d.book.takeForRemoval(track, removable, r.version)) this.terminate(d, pod, r.cause);
    }
    this.checkDone(d, r);
  }

  /** Done when every pod of the track, terminating ones included, runs the version, and enough are ready. */
  private checkDone(d: Deployment, r: Rollout): void {
    const t = d.book.track(r.track);
    const target = t?.version(r.version);
    if ((t?.total ?? 0) !== (target?.total ?? 0)) return;
    if ((target?.counts.ready ?? 0) < (d.replicas.get(r.track) ?? 0)) return;
    this.end(r, true);
  }

  private end(r: Rollout, converged: boolean, supersededBy?: Cause): void {
    r.done = true;
    if (converged) this.get(r.deployment).stable.set(r.track, r.version);
    for (const fn of r.onEnd) fn(converged, supersededBy);
  }

  private newPod(d: Deployment, track: string, version: string): TrackedPod {
    const pod: TrackedPod = {
      id: this.nextPodId++,
      deployment: d.id,
      track,
      version,
      phase: 'pending',
      restarts: 0,
      generation: 0,
      holdsSlot: false,
      listed: 0,
      removed: false,
      queued: false,
      place: undefined,
    };
    d.book.add(pod);
    return pod;
  }

  private create(d: Deployment, track: string, version: string, cause: Cause): void {
    const pod = this.newPod(d, track, version);
    const pool = this.pool(d);
    if (pool.free) this.admit(d, pool, pod, cause);
    else {
      pool.enqueue(pod);
      this.touch(cause);
    }
  }

  private admit(d: Deployment, pool: SlotPool, pod: TrackedPod, cause: Cause): void {
    pool.used++;
    pod.holdsSlot = true;
    this.start(d, pod, cause);
  }

  private start(d: Deployment, pod: TrackedPod, cause: Cause): void {
    const firstStart = pod.phase !== 'crashloop';
    d.book.setPhase(pod, 'starting');
    const gen = ++pod.generation;
    this.kernel.after(d.spec.startMs * this.rng.jitter(0.15), () => {
      if (pod.generation !== gen) return;
      const reason = this.hooks.crashReason(d.id, pod.version);
      if (reason === null) {
        d.book.setPhase(pod, 'ready');
        pod.crashReason = undefined;
        this.progressed(d, pod);
        this.touch(cause);
        this.reconcile(d, pod.track);
        return;
      }
      d.book.setPhase(pod, 'crashloop', true);
      pod.crashReason = reason;
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

  private touch(cause: Cause): void {
    this.epoch++;
    this.hooks.changed(cause);
  }

  /** Pod counts of a deployment, rebuilt from the kept counts only when the fleet changed. */
  summary(id: string): FleetSummary {
    const cached = this.summaries.get(id);
    if (cached && cached.epoch === this.epoch) return cached.summary;
    const d = this.get(id);
    const s: FleetSummary = { crashloop: 0, pending: 0, ready: new Map(), placed: new Map() };
    for (const [track, t] of d.book.tracks) {
      s.crashloop += t.crashLooping;
      s.pending += t.counts.pending;
      s.ready.set(track, d.book.byVersion(track, 'ready'));
      s.placed.set(track, d.book.byVersion(track, 'placed'));
    }
    this.summaries.set(id, { epoch: this.epoch, summary: s });
    return s;
  }

  private terminate(d: Deployment, pod: TrackedPod, cause: Cause): void {
    if (pod.phase === 'terminating') return;
    const pool = this.pool(d);
    pod.generation++;
    if (!pod.holdsSlot) {
      pool.leave(pod);
      d.book.remove(pod);
      this.touch(cause);
      return;
    }
    d.book.setPhase(pod, 'terminating');
    const gen = pod.generation;
    this.kernel.after(d.spec.terminateMs, () => {
      if (pod.generation !== gen) return;
      d.book.remove(pod);
      pod.holdsSlot = false;
      pool.used--;
      this.progressed(d, pod);
      this.touch(cause);
      this.admitWaiting(pool, cause);
      this.reconcile(d, pod.track);
    });
    this.touch(cause);
  }

  private admitWaiting(pool: SlotPool, cause: Cause): void {
    while (pool.free) {
      const pod = pool.next();
      if (!pod) return;
      this.admit(this.get(pod.deployment), pool, pod, cause);
    }
  }

  /** Pods of a deployment in one phase, on one track or all of them. */
  count(id: string, phase: PodPhase, track?: string): number {
    return this.counts(id, track)[phase];
  }

  /** Pods of a deployment per phase, on one track or all of them (a copy). */
  counts(id: string, track?: string): PhaseCounts {
    const out = zeroCounts();
    for (const [name, t] of this.get(id).book.tracks) {
      if (track !== undefined && name !== track) continue;
      for (const phase of Object.keys(out) as PodPhase[]) out[phase] += t.counts[phase];
    }
    return out;
  }

  /** Pods of one track per version and phase, versions in the order they first ran there (copies). */
  versionCounts(id: string, track: string): Map<string, PhaseCounts> {
    const out = new Map<string, PhaseCounts>();
    for (const [version, v] of this.get(id).book.track(track)?.versions ?? []) if (v.total > 0) out.set(version, { ...v.counts });
    return out;
  }

  /** Tracks of a deployment: every environment it has replicas set for, in the order they were set. */
  tracks(id: string): string[] {
    return [...this.get(id).replicas.keys()];
  }

  /** A pool's use: slots, slots held (by starting, ready, crash-looping and terminating pods), pods waiting. */
  poolUse(poolId: string): { slots: number; used: number; waiting: number } {
    const pool = this.pools.get(poolId);
    if (!pool) throw new Error(`unknown pool ${poolId}`);
    return { slots: pool.slots, used: pool.used, waiting: pool.waitingCount };
  }
}
