import { LazyHeap } from './lazy-heap.js';

export type PodPhase = 'pending' | 'starting' | 'ready' | 'crashloop' | 'terminating';
export type PhaseCounts = Record<PodPhase, number>;

export interface Pod {
  readonly id: number;
  readonly deployment: string;
  readonly track: string;
  readonly version: string;
  readonly phase: PodPhase;
  readonly restarts: number;
  /** Bumped whenever the pod changes course, so its stale timers do nothing. */
  generation: number;
  holdsSlot: boolean;
  crashReason?: string;
}

/** A pod as the fleet keeps it: with what its indexes need to tell a live entry from a stale one. */
export interface TrackedPod extends Pod {
  phase: PodPhase;
  restarts: number;
  /** A bit for each phase whose removal heap holds an entry for this pod, stale or not (see VersionPods). */
  listed: number;
  removed: boolean;
  /** Waiting in its pool's queue for a free slot. */
  queued: boolean;
  /** The counts the book keeps it in, its track's and its version's: set when it is added. */
  place: PodPlace | undefined;
}

export interface PodPlace {
  track: TrackPods;
  version: VersionPods;
}

export function zeroCounts(): PhaseCounts {
  return { pending: 0, starting: 0, ready: 0, crashloop: 0, terminating: 0 };
}

/**
 * Adds `n` to one phase's count. Every pod event moves counts: a switch names each field, where
 * an index by phase name would look the field up by a different name each time.
 */
function addTo(c: PhaseCounts, phase: PodPhase, n: number): void {
  switch (phase) {
    case 'pending':
      c.pending += n;
      return;
    case 'starting':
      c.starting += n;
      return;
    case 'ready':
      c.ready += n;
      return;
    case 'crashloop':
      c.crashloop += n;
      return;
    case 'terminating':
      c.terminating += n;
      return;
  }
}

/** Which pods go first when scaling down: the ones doing least good, newest first (as Kubernetes ranks them). */
const REMOVAL_ORDER = ['pending', 'crashloop', 'starting', 'ready'] as const;
type Removable = (typeof REMOVAL_ORDER)[number];

const placed = (phase: PodPhase): boolean => phase === 'starting' || phase === 'ready' || phase === 'crashloop';
/** A pod restarting after a crash is still in CrashLoopBackOff as far as anyone can tell. */
const looping = (p: TrackedPod): number => (p.phase === 'crashloop' || (p.phase === 'starting' && p.restarts > 0) ? 1 : 0);

/** Pods in creation order (oldest first); removed ones are dropped from the list lazily. */
class PodList {
  private items: TrackedPod[] = [];
  private stale = 0;

  add(pod: TrackedPod): void {
    this.items.push(pod);
  }

  /** One of the list's pods was removed. */
  dropped(): void {
    this.stale++;
    if (this.stale > 64 && this.stale * 2 > this.items.length) this.compact();
  }

  all(): readonly TrackedPod[] {
    if (this.stale > 0) this.compact();
    return this.items;
  }

  private compact(): void {
    this.items = this.items.filter((p) => !p.removed);
    this.stale = 0;
  }
}

/** The bit of each phase with a removal heap, in TrackedPod.listed. */
const listedBit = (phase: Removable): number => (phase === 'pending' ? 1 : phase === 'crashloop' ? 2 : phase === 'starting' ? 4 : 8);

/** A heap of the removal candidates of one phase: a pod's entry holds while it is in that phase, and is pushed once. */
function removalHeap(phase: Removable): LazyHeap<TrackedPod> {
  const bit = listedBit(phase);
  return new LazyHeap<TrackedPod>(
    (p) => p.phase === phase && !p.removed,
    (p) => {
      p.listed &= ~bit;
    },
  );
}

/** The pods of one version on one track: counts, and indexes for removal order and for seniority. */
export class VersionPods {
  readonly counts = zeroCounts();
  /** Pods present, terminating ones included. */
  total = 0;
  /**
   * Removal candidates of each phase, newest on top. A crash-looping pod goes back and forth
   * between two phases: its entry in each stays and holds again whenever it is back, so it is
   * pushed once, not at every restart.
   */
  readonly newest = { pending: removalHeap('pending'), crashloop: removalHeap('crashloop'), starting: removalHeap('starting'), ready: removalHeap('ready') };
  /** The oldest pod that is ready, and the oldest that holds a slot and runs (starting, ready or crash-looping). */
  readonly oldestReady = new LazyHeap<TrackedPod>((p) => p.phase === 'ready');
  readonly oldestPlaced = new LazyHeap<TrackedPod>((p) => placed(p.phase));

  get live(): number {
    return this.total - this.counts.terminating;
  }

  get placed(): number {
    return this.counts.starting + this.counts.ready + this.counts.crashloop;
  }

  entered(pod: TrackedPod, from: PodPhase | null): void {
    const to = pod.phase;
    if (to !== 'terminating' && (pod.listed & listedBit(to)) === 0) {
      pod.listed |= listedBit(to);
      this.newestIn(to).push(pod, -pod.id);
    }
    if (to === 'ready') this.oldestReady.push(pod, pod.id);
    if (placed(to) && (from === null || !placed(from))) this.oldestPlaced.push(pod, pod.id);
  }

  /** The removal candidates of one phase (a switch, for the reason addTo gives). */
  newestIn(phase: Removable): LazyHeap<TrackedPod> {
    switch (phase) {
      case 'pending':
        return this.newest.pending;
      case 'crashloop':
        return this.newest.crashloop;
      case 'starting':
        return this.newest.starting;
      case 'ready':
        return this.newest.ready;
    }
  }
}

/** The pods of one track (an environment) of a deployment. */
export class TrackPods {
  readonly counts = zeroCounts();
  total = 0;
  /** Crash-looping pods, those restarting after a crash included. */
  crashLooping = 0;
  /** By version, in the order each version first had a pod here. */
  readonly versions = new Map<string, VersionPods>();
  readonly list = new PodList();
  /** The version of the pod created last, even if it is gone. */
  lastVersion: string | undefined;

  get live(): number {
    return this.total - this.counts.terminating;
  }

  version(v: string): VersionPods | undefined {
    return this.versions.get(v);
  }
}

/**
 * The pods of one deployment, kept up to date by each change rather than recounted: counts per
 * track, version and phase, the creation order, the order in which pods are removed when
 * scaling down, and which version's pods are the oldest. Every change and every count costs
 * the same whatever the fleet's size (a heap push or pop at most).
 */
export class PodBook {
  readonly tracks = new Map<string, TrackPods>();
  private readonly list = new PodList();

  /** Every pod present, oldest first. */
  pods(): readonly TrackedPod[] {
    return this.list.all();
  }

  track(name: string): TrackPods | undefined {
    return this.tracks.get(name);
  }

  /** A new pod, Pending. */
  add(pod: TrackedPod): void {
    let t = this.tracks.get(pod.track);
    if (!t) this.tracks.set(pod.track, (t = new TrackPods()));
    let v = t.versions.get(pod.version);
    if (!v) t.versions.set(pod.version, (v = new VersionPods()));
    pod.place = { track: t, version: v };
    pod.phase = 'pending';
    t.counts.pending++;
    v.counts.pending++;
    t.total++;
    v.total++;
    v.entered(pod, null);
    t.lastVersion = pod.version;
    t.list.add(pod);
    this.list.add(pod);
  }

  /** Moves a pod to another phase; `crashed` counts one more restart with it. */
  setPhase(pod: TrackedPod, to: PodPhase, crashed = false): void {
    const { track: t, version: v } = pod.place!;
    const from = pod.phase;
    const wasLooping = looping(pod);
    addTo(t.counts, from, -1);
    addTo(v.counts, from, -1);
    pod.phase = to;
    if (crashed) pod.restarts++;
    addTo(t.counts, to, 1);
    addTo(v.counts, to, 1);
    t.crashLooping += looping(pod) - wasLooping;
    v.entered(pod, from);
  }

  /** The pod is gone (it was Pending, or has finished terminating). */
  remove(pod: TrackedPod): void {
    const { track: t, version: v } = pod.place!;
    addTo(t.counts, pod.phase, -1);
    addTo(v.counts, pod.phase, -1);
    t.total--;
    v.total--;
    t.crashLooping -= looping(pod);
    pod.removed = true;
    t.list.dropped();
    this.list.dropped();
  }

  /** Pods of a track not terminating and not at `version`, oldest first. */
  others(track: string, version: string): TrackedPod[] {
    const t = this.tracks.get(track);
    if (!t) return [];
    return t.list.all().filter((p) => p.phase !== 'terminating' && p.version !== version);
  }

  /**
   * The first `count` pods of a track to remove when scaling down (Pending first, then
   * crash-looping, starting and ready; newest first within each), leaving out pods at `keep`.
   * They leave the removal order as they are returned: the caller terminates every one.
   */
  takeForRemoval(track: string, count: number, keep?: string): TrackedPod[] {
    const out: TrackedPod[] = [];
    const t = this.tracks.get(track);
    if (!t) return out;
    for (const phase of REMOVAL_ORDER) {
      while (out.length < count) {
        let best: TrackedPod | undefined;
        let from: VersionPods | undefined;
        for (const [name, v] of t.versions) {
          if (name === keep || v.counts[phase] === 0) continue;
          const top = v.newestIn(phase).peek();
          if (top !== undefined && (best === undefined || top.id > best.id)) {
            best = top;
            from = v;
          }
        }
        if (best === undefined) break;
        from!.newestIn(phase).pop();
        out.push(best);
      }
    }
    return out;
  }

  /**
   * Pods per version on a track, ready ones or all that hold a slot and run, in the order of
   * each version's oldest such pod: the order a scan of the pods by age would meet them.
   */
  byVersion(track: string, which: 'ready' | 'placed'): Map<string, number> {
    const found: { oldest: number; version: string; pods: number }[] = [];
    for (const [version, v] of this.tracks.get(track)?.versions ?? []) {
      const pods = which === 'ready' ? v.counts.ready : v.placed;
      if (pods === 0) continue;
      const oldest = (which === 'ready' ? v.oldestReady : v.oldestPlaced).peek()!;
      found.push({ oldest: oldest.id, version, pods });
    }
    found.sort((a, b) => a.oldest - b.oldest);
    return new Map(found.map((f) => [f.version, f.pods]));
  }
}
