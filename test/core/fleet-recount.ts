import type { Fleet, PhaseCounts, Pod, PodPhase } from '../../src/core/pods.js';

const PHASES: PodPhase[] = ['pending', 'starting', 'ready', 'crashloop', 'terminating'];

const zero = (): PhaseCounts => ({ pending: 0, starting: 0, ready: 0, crashloop: 0, terminating: 0 });

function bump(m: Map<string, Map<string, number>>, track: string, version: string): void {
  let byVersion = m.get(track);
  if (!byVersion) m.set(track, (byVersion = new Map()));
  byVersion.set(version, (byVersion.get(version) ?? 0) + 1);
}

/** Drops tracks with nothing in them: a recount never meets them, kept counts may keep them. */
const nonEmpty = (m: Map<string, Map<string, number>>): [string, [string, number][]][] =>
  [...m].filter(([, byVersion]) => byVersion.size > 0).map(([track, byVersion]) => [track, [...byVersion]] as [string, [string, number][]]).sort((a, b) => (a[0] < b[0] ? -1 : 1));

/**
 * Every count the fleet keeps, recounted from its pods one by one, the way the fleet once
 * computed them on every event; returns what differs (empty when all agree). Versions within a
 * track are compared in order: the order routes meet their groups in.
 */
export function recountDifferences(fleet: Fleet): string[] {
  const out: string[] = [];
  const differ = (what: string, kept: unknown, recounted: unknown): void => {
    const a = JSON.stringify(kept);
    const b = JSON.stringify(recounted);
    if (a !== b) out.push(`${what}: kept ${a}, recounted ${b}`);
  };
  const holding = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const d of fleet.deployments.values()) {
    const pods: readonly Pod[] = d.pods;
    for (let i = 1; i < pods.length; i++) if (pods[i - 1]!.id >= pods[i]!.id) out.push(`${d.id}: pods out of creation order at ${i}`);
    const byTrack = new Map<string, PhaseCounts>();
    const byVersion = new Map<string, Map<string, PhaseCounts>>();
    const summary = { crashloop: 0, pending: 0, ready: new Map<string, Map<string, number>>(), placed: new Map<string, Map<string, number>>() };
    for (const p of pods) {
      if (!byTrack.has(p.track)) byTrack.set(p.track, zero());
      byTrack.get(p.track)![p.phase]++;
      if (!byVersion.has(p.track)) byVersion.set(p.track, new Map());
      const versions = byVersion.get(p.track)!;
      if (!versions.has(p.version)) versions.set(p.version, zero());
      versions.get(p.version)![p.phase]++;
      if (p.phase === 'crashloop' || (p.phase === 'starting' && p.restarts > 0)) summary.crashloop++;
      if (p.phase === 'pending') summary.pending++;
      if (p.phase === 'ready') bump(summary.ready, p.track, p.version);
      if (p.phase === 'ready' || p.phase === 'starting' || p.phase === 'crashloop') bump(summary.placed, p.track, p.version);
      if (p.holdsSlot) holding.set(d.spec.pool, (holding.get(d.spec.pool) ?? 0) + 1);
      if (p.phase === 'pending') pending.set(d.spec.pool, (pending.get(d.spec.pool) ?? 0) + 1);
    }
    const kept = fleet.summary(d.id);
    differ(`${d.id} crash-looping`, kept.crashloop, summary.crashloop);
    differ(`${d.id} pending`, kept.pending, summary.pending);
    differ(`${d.id} ready by track and version`, nonEmpty(kept.ready), nonEmpty(summary.ready));
    differ(`${d.id} placed by track and version`, nonEmpty(kept.placed), nonEmpty(summary.placed));
    differ(`${d.id} all tracks`, fleet.counts(d.id), [...byTrack.values()].reduce((sum, c) => (PHASES.forEach((ph) => (sum[ph] += c[ph])), sum), zero()));
    for (const [track, counts] of byTrack) {
      differ(`${d.id}/${track}`, fleet.counts(d.id, track), counts);
      for (const phase of PHASES) differ(`${d.id}/${track} ${phase}`, fleet.count(d.id, phase, track), counts[phase]);
      const versions = Object.fromEntries([...byVersion.get(track)!].sort());
      differ(`${d.id}/${track} by version`, Object.fromEntries([...fleet.versionCounts(d.id, track)].sort()), versions);
      const newest = pods.filter((p) => p.track === track).at(-1)!;
      differ(`${d.id}/${track} version of new pods`, fleet.trackVersion(d, track), d.rollouts.get(track)?.version ?? newest.version);
    }
  }
  for (const pool of fleet.pools.values()) {
    const use = fleet.poolUse(pool.id);
    differ(`pool ${pool.id} slots used`, use.used, holding.get(pool.id) ?? 0);
    differ(`pool ${pool.id} waiting`, use.waiting, pending.get(pool.id) ?? 0);
    differ(`pool ${pool.id} queue`, pool.waiting.length, pending.get(pool.id) ?? 0);
    for (const p of pool.waiting) if (p.phase !== 'pending') out.push(`pool ${pool.id}: pod ${p.id} waits while ${p.phase}`);
  }
  return out;
}

const REMOVAL_RANK: Record<PodPhase, number> = { pending: 0, crashloop: 1, starting: 2, ready: 3, terminating: 4 };

/** Which pods a scale-down of a track to `replicas` removes, by sorting them as Kubernetes ranks them. */
export function expectedRemovals(pods: readonly Pod[], track: string, replicas: number): number[] {
  const live = pods.filter((p) => p.track === track && p.phase !== 'terminating');
  const sorted = [...live].sort((a, b) => REMOVAL_RANK[a.phase] - REMOVAL_RANK[b.phase] || b.id - a.id);
  return sorted.slice(0, Math.max(0, live.length - replicas)).map((p) => p.id);
}
