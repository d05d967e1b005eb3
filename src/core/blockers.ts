import { formatClock } from './monitors.js';
import type { FlowOutcome } from './traffic.js';
import type { SloReading, Tracker } from './tracker.js';
import type { World } from './world.js';

const holds = (s: SloReading): boolean => s.holds;

/** What kept a drill from recovering in one second, read from the world. */
export type BlockerKind = 'harm' | 'pods' | 'rollout' | 'data' | 'overload' | 'window';

/**
 * Counts, for every second from detection to recovery, what stood in the way of recovering:
 * a harmful rule in force, pods crash-looping or waiting for a slot, a rollout half done, a
 * database down, more requests than the ready pods serve, or SLO windows still holding the
 * failures of earlier seconds. A late or missing recovery is then explained by the world,
 * whatever the actions were.
 */
export class RecoveryBlockers {
  readonly seconds: Record<BlockerKind, number> = { harm: 0, pods: 0, rollout: 0, data: 0, overload: 0, window: 0 };
  /** Harmful rules in force, by id: their explanation and seconds in force. */
  readonly rules = new Map<string, { explain: string; seconds: number }>();
  /** The busiest overloaded second: requests offered, what the ready pods could serve, the traffic factor. */
  worstOverload: { demandRps: number; capacityRps: number; factor: number } | undefined;
  /** SLO metrics whose windows stayed broken with nothing else in the way. */
  readonly lingering = new Set<string>();

  observe(world: World, tracker: Tracker, out: FlowOutcome): void {
    if (tracker.impactStartMs === undefined || tracker.detectMs === undefined || tracker.recovered) return;
    const harmful = world.stacks.harmfulMatches();
    if (harmful.length > 0) this.seconds.harm++;
    for (const entry of harmful === this.lastHarmful ? this.lastEntries : this.entriesOf(harmful)) entry.seconds++;
    let pods = false;
    let rollout = false;
    for (const d of world.fleet.deployments.values()) {
      const { crashloop, pending } = world.fleet.summary(d.id);
      if (crashloop > 0 || pending > 0) pods = true;
      const serving = d.id === world.spec.traffic.deployment;
      for (const r of d.rollouts.values()) if (!r.done && (!serving || world.serves(r.track))) rollout = true;
    }
    if (pods) this.seconds.pods++;
    if (rollout) this.seconds.rollout++;
    let data = false;
    for (const db of world.databases.values()) {
      if (db.state !== 'up') data = true;
      for (const t of db.tables) if (!t.present) data = true;
    }
    if (data) this.seconds.data++;
    if (tracker.sloState.every(holds)) return;
    if (out.rejected > 0 || out.queueAfter > 0) {
      this.seconds.overload++;
      const demandRps = out.arrivals + out.retries;
      if (!this.worstOverload || demandRps - out.capacityRps > this.worstOverload.demandRps - this.worstOverload.capacityRps) {
        this.worstOverload = { demandRps, capacityRps: out.capacityRps, factor: world.trafficFactor() };
      }
    } else if (harmful.length === 0 && !pods && !data) {
      this.seconds.window++;
      for (const s of tracker.sloState) if (!s.holds) this.lingering.add(s.slo.metric);
    }
  }

  /**
   * The tallies of these harmful rules, created at their first second: looked up again only when
   * the rules in force change (observe asks only then, so that its every call does not build
   * the context of this closure).
   */
  private entriesOf(harmful: readonly { rule: { id: string; explain: string } }[]): { explain: string; seconds: number }[] {
    this.lastHarmful = harmful;
    this.lastEntries = harmful.map((h) => {
      let entry = this.rules.get(h.rule.id);
      if (!entry) this.rules.set(h.rule.id, (entry = { explain: h.rule.explain, seconds: 0 }));
      return entry;
    });
    return this.lastEntries;
  }

  private lastHarmful: unknown;
  private lastEntries: { explain: string; seconds: number }[] = [];

  /**
   * What stood in the way, longest first, each with how long it did: `skipRules` are rules the
   * caller names already (still in force at the end).
   */
  reasons(skipRules: ReadonlySet<string> = new Set()): string[] {
    const out: [number, string][] = [];
    const span = (seconds: number): string => `${formatClock(seconds * 1000)} in all after detection`;
    for (const [id, r] of this.rules) if (!skipRules.has(id)) out.push([r.seconds, `${r.explain} (in force for ${span(r.seconds)})`]);
    const s = this.seconds;
    if (s.overload > 0 && this.worstOverload) {
      const w = this.worstOverload;
      const load = w.factor > 1 ? `, with traffic at ${Math.round(w.factor * 100) / 100}x its usual rate` : '';
      out.push([s.overload, `more requests came than the ready pods could serve (at worst ${Math.round(w.demandRps)} a second against ${Math.round(w.capacityRps)}${load}): requests queued and were turned away, for ${span(s.overload)}`]);
    }
    if (s.pods > 0) out.push([s.pods, `pods were crash-looping or waiting for a slot, for ${span(s.pods)}`]);
    if (s.rollout > 0) out.push([s.rollout, `a rollout was half done on an environment users are served from, for ${span(s.rollout)}`]);
    if (s.data > 0) out.push([s.data, `a database was down or missing tables, for ${span(s.data)}`]);
    if (s.window > 0) {
      out.push([s.window, `nothing was wrong any more, but the SLO windows of ${[...this.lingering].join(', ')} still held the failures of the seconds before, for ${span(s.window)}`]);
    }
    return out.sort((a, b) => b[0] - a[0]).map(([, text]) => text);
  }
}
