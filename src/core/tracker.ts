import { describeCause, type Cause } from './cause.js';
import { rebuildableRows } from './data.js';
import { HarmTally, healthyBaseline } from './harm.js';
import type { Series } from './metrics.js';
import { formatClock } from './monitors.js';
import type { RuleSpec, SideEffectClass, SloSpec } from './spec.js';
import type { FlowOutcome } from './traffic.js';
import type { World } from './world.js';

export interface UnstableState {
  rule: string;
  explain: string;
  enteredMs: number;
  durationMs: number | null;
  cause: string;
}

export interface SloReading {
  slo: SloSpec;
  value: number;
  holds: boolean;
}

export interface SideEffectTally {
  kind: string;
  class: SideEffectClass;
  count: number;
  compensated: number;
  /** Compensatable ones the team decided not to compensate: they stay done. */
  writtenOff: number;
}

/** Compensatable side effects neither compensated nor written off: a drill is not recovered while any remain. */
export function uncompensated(t: SideEffectTally): number {
  return t.class === 'compensatable' ? Math.max(0, t.count - t.compensated - t.writtenOff) : 0;
}

/**
 * Follows the drill second by second and keeps what scoring needs: when impact began, when it
 * was detected, mitigated and recovered, unstable states entered by actions, and the harm done.
 */
export class Tracker {
  impactStartMs: number | undefined;
  detectMs: number | undefined;
  detectedBy: string | undefined;
  mitigateMs: number | undefined;
  recoverMs: number | undefined;
  private candidateMs: number | undefined;
  readonly unstable: UnstableState[] = [];
  private readonly open = new Map<string, UnstableState>();
  readonly unnecessaryRollbacks: { tMs: number; action: string; why: string }[] = [];
  readonly sideEffects = new Map<string, SideEffectTally>();
  requests = 0;
  fallbackTried = 0;
  rescued = 0;
  fallbackStarved = 0;
  /** Failed requests and bad answers, raw and beyond the healthy baseline. */
  readonly harm: HarmTally;
  actionsTaken = 0;
  actionsFailed = 0;
  sloState: SloReading[] = [];
  /** The series each SLO reads, in the order of sloState: looked up once. */
  private sloSeries: Series[] = [];

  constructor(private readonly world: World) {
    this.harm = new HarmTally(healthyBaseline(world.spec), world.spec.traffic.users);
  }

  /** Every failed request, the healthy system's own included. */
  get failed(): number {
    return this.harm.failed;
  }

  get badResponses(): number {
    return this.harm.bad;
  }

  get userMinutes(): number {
    return this.harm.userMinutes;
  }

  get usersAffected(): number {
    return this.harm.usersAffected(false);
  }

  get recovered(): boolean {
    return this.recoverMs !== undefined;
  }

  detect(by: string): void {
    if (this.detectMs !== undefined) return;
    this.detectMs = this.world.now;
    this.detectedBy = by;
    this.world.note('detect', `detected: ${by}`);
  }

  /** Counts one second of traffic (all routes together). */
  count(out: FlowOutcome): void {
    this.requests += out.arrivals + out.retries;
    this.fallbackTried += out.fallbackTried;
    this.rescued += out.rescued;
    this.fallbackStarved += out.fallbackStarved;
    this.harm.add(out);
    for (const fx of out.sideEffects) {
      const key = `${fx.kind}\u0000${fx.class}`;
      const tally = this.sideEffects.get(key) ?? { kind: fx.kind, class: fx.class, count: 0, compensated: 0, writtenOff: 0 };
      tally.count += fx.count;
      this.sideEffects.set(key, tally);
    }
  }

  /** Evaluates the SLOs, consistency and unstable states at the end of a second. */
  observe(): void {
    const world = this.world;
    const now = world.now;
    // Read in place every second: no allocation on the drill's hottest path.
    if (this.sloState.length !== world.spec.slos.length) this.readSlos();
    let slosHold = true;
    for (let i = 0; i < this.sloState.length; i++) {
      const reading = this.sloState[i]!;
      const { slo } = reading;
      const value = this.sloSeries[i]!.value(Math.max(1, Math.round(slo.windowMs / 1000)));
      reading.value = value;
      reading.holds = Number.isNaN(value) || ((slo.max === undefined || value <= slo.max) && (slo.min === undefined || value >= slo.min));
      if (!reading.holds) slosHold = false;
    }
    const harmful = world.stacks.harmfulMatches();
    this.trackUnstable(this.rulesOf(harmful));

    if (this.impactStartMs === undefined && !slosHold) {
      this.impactStartMs = now;
      const broken = this.sloState.filter((s) => !s.holds).map((s) => describeSlo(s));
      world.note('impact', `impact begins: ${broken.join('; ')}`);
      this.escalateLater();
    }
    if (this.impactStartMs === undefined || this.recoverMs !== undefined) return;
    if (this.detectMs !== undefined && this.mitigateMs === undefined && slosHold) {
      this.mitigateMs = now;
      world.note('mitigate', 'user-facing SLOs back within target');
    }
    if (!slosHold || !this.isConsistent(harmful)) {
      this.candidateMs = undefined;
      return;
    }
    this.candidateMs ??= now;
    if (now - this.candidateMs >= world.spec.settleMs) {
      this.recoverMs = this.candidateMs;
      world.note('recover', `recovered: SLOs held and the world stayed consistent for ${formatClock(world.spec.settleMs)} since ${formatClock(this.candidateMs)}`);
    }
  }

  /** The SLO readings and the series they read, made at the first second. */
  private readSlos(): void {
    const { spec, metrics } = this.world;
    this.sloState = spec.slos.map((slo) => ({ slo, value: NaN, holds: true }));
    this.sloSeries = spec.slos.map((slo) => metrics.get('all', slo.metric));
  }

  /** Users escalate what no alert caught (apart from observe, whose every call would otherwise build this closure's context). */
  private escalateLater(): void {
    const world = this.world;
    world.kernel.after(world.spec.escalationMs, () => {
      if (this.detectMs === undefined) this.detect(`users escalated after ${formatClock(world.spec.escalationMs)} with no alert`);
    });
  }

  private rulesOf(harmful: { rule: RuleSpec }[]): RuleSpec[] {
    if (harmful !== this.lastHarmful) {
      this.lastHarmful = harmful;
      this.harmfulRules = harmful.map((h) => h.rule);
    }
    return this.harmfulRules;
  }

  private lastHarmful: unknown;
  private harmfulRules: RuleSpec[] = [];

  /**
   * Consistent: no harmful rule matches a live stack, no pod crash-loops or waits for a slot,
   * no rollout is half done on an environment a route serves, every database is up with its
   * tables and has back every row that can be rebuilt, and every compensatable side effect is
   * compensated (or written off). (The report says which of these failed; this only answers yes
   * or no, every second.)
   */
  private isConsistent(harmful: readonly unknown[]): boolean {
    const world = this.world;
    if (harmful.length > 0) return false;
    for (const d of world.fleet.deployments.values()) {
      const { crashloop, pending } = world.fleet.summary(d.id);
      if (crashloop > 0 || pending > 0) return false;
      // A rollout half done on an environment no route serves (a blue/green standby) harms nobody.
      const serving = d.id === world.spec.traffic.deployment;
      for (const r of d.rollouts.values()) {
        if (!r.done && (!serving || world.serves(r.track))) return false;
      }
    }
    for (const db of world.databases.values()) {
      if (db.state !== 'up' || db.tables.some((t) => !t.present) || rebuildableRows(db) > 0) return false;
    }
    for (const t of this.sideEffects.values()) if (uncompensated(t) > 0) return false;
    return true;
  }

  /**
   * An unstable state is a harmful rule that begins to match because of an action: what a
   * sequential rollback passes through. Rules that matched when the response began are the
   * incident itself and do not count.
   */
  private trackUnstable(rules: RuleSpec[]): void {
    if (rules === this.lastRules && this.world.lastCause === this.lastCause) return;
    this.lastRules = rules;
    this.lastCause = this.world.lastCause;
    const now = this.world.now;
    const ids = new Set(rules.map((r) => r.id));
    for (const [id, state] of this.open) {
      if (ids.has(id)) continue;
      state.durationMs = now - state.enteredMs;
      this.open.delete(id);
      this.world.note('stable', `left unstable state after ${formatClock(state.durationMs)}: ${state.explain}`);
    }
    const cause = this.world.lastCause;
    if (cause.kind === 'action') {
      this.incidentRules ??= new Set(this.previousRules);
      for (const rule of rules) {
        if (this.previousRules.has(rule.id) || this.incidentRules.has(rule.id) || this.open.has(rule.id)) continue;
        const state: UnstableState = { rule: rule.id, explain: rule.explain, enteredMs: now, durationMs: null, cause: describeCause(cause) };
        this.open.set(rule.id, state);
        this.unstable.push(state);
        this.world.note('unstable', `entered an unstable state (${state.cause}): ${rule.explain}`);
      }
    }
    this.previousRules = ids;
  }

  private previousRules = new Set<string>();
  private lastRules: RuleSpec[] | undefined;
  private lastCause: Cause | undefined;
  private incidentRules: Set<string> | undefined;

  /** Unstable states still open at the end get their duration so far. */
  close(): void {
    for (const state of this.open.values()) state.durationMs = this.world.now - state.enteredMs;
  }
}

export function describeSlo(s: SloReading): string {
  const bound = s.slo.max !== undefined ? `<= ${s.slo.max}` : `>= ${s.slo.min}`;
  return `${s.slo.metric} ${formatValue(s.value)} (SLO ${bound})`;
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'n/a';
  if (Math.abs(v) >= 100) return String(Math.round(v));
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toFixed(4);
}
