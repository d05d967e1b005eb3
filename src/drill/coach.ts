import { formatClock } from '../core/monitors.js';
import type { Effect, RuleSpec } from '../core/spec.js';
import type { Hint } from '../formats/hints.js';
import type { Session } from './session.js';

/** With no command for this long after detection (or after the last one), the next hint unlocks. */
export const STALL_MS = 90_000;

export interface CoachNote {
  tMs: number;
  text: string;
}

/** The signals an on-call engineer would watch for a rule's effect: never the rule itself. */
export function signalsOf(effect: Effect): string[] {
  const out: string[] = [];
  if (effect.crash) out.push('pods (CrashLoopBackOff, Pending)');
  if ((effect.errorRate ?? 0) > 0) out.push('errorRate');
  if ((effect.latencyFactor ?? 1) > 1 || (effect.addedLatencyMs ?? 0) > 0 || (effect.capacityFactor ?? 1) < 1) out.push('latencyP99Ms');
  if ((effect.quality ?? 0) < 0) out.push('quality');
  for (const name of Object.keys(effect.metrics ?? {})) out.push(name);
  if ((effect.sideEffects?.length ?? 0) > 0) out.push(`side effects (${effect.sideEffects!.map((s) => s.kind).join(', ')})`);
  return out;
}

/**
 * Training's coach: unlocks hints over simulated time (or sooner when the learner stalls), and
 * says once, in plain words, when a problem starts or stops affecting the live system, naming
 * the signal to look at and never the fix. It reads the world once per simulated second, so
 * what it says is part of the drill and comes out the same on a replay.
 */
export class Coach {
  readonly notes: CoachNote[] = [];
  private unlocked = 0;
  private readonly live = new Set<string>();
  private readonly said = new Set<string>();
  private lastUnlockMs = 0;
  /** When a problem first affected the live system (a harmful rule began to match). */
  private troubleSinceMs: number | undefined;

  constructor(
    private readonly session: Session,
    private readonly hints: readonly Hint[],
  ) {
    session.drill.onTick(() => this.tick());
  }

  /** Hints the learner may reveal now. */
  get hintsUnlocked(): number {
    return this.unlocked;
  }

  /** When the next locked hint unlocks by time alone (null: before detection, or none left). */
  nextUnlockMs(): number | null {
    const detect = this.session.drill.tracker.detectMs;
    if (detect === undefined || this.unlocked >= this.hints.length) return null;
    return detect + this.hints[this.unlocked]!.unlockMs;
  }

  private tick(): void {
    const { drill } = this.session;
    const now = drill.now;
    const lastAction = drill.actions.records.findLast((r) => r.status !== 'rejected');
    if (this.unlocked < this.hints.length) {
      // Before detection only a stall unlocks a hint: a silent failure may never page anyone.
      // A stall is counted from when something went wrong: waiting while all is well is no stall.
      const started = this.troubleSinceMs ?? drill.tracker.detectMs;
      const quietSince = started === undefined ? undefined : Math.max(started, lastAction?.startMs ?? 0, this.lastUnlockMs);
      const due = this.nextUnlockMs();
      if ((due !== null && now >= due) || (quietSince !== undefined && now - quietSince >= STALL_MS)) {
        this.unlocked++;
        this.lastUnlockMs = now;
      }
    }
    this.watchRules(drill.world.stacks.harmfulMatches(), now);
  }

  private watchRules(matches: readonly { rule: RuleSpec; where: string[] }[], now: number): void {
    const current = new Set(matches.map((m) => m.rule.id));
    for (const m of matches) {
      if (this.live.has(m.rule.id)) continue;
      this.live.add(m.rule.id);
      this.troubleSinceMs ??= now;
      const signals = signalsOf(m.rule.effect);
      this.say(`start:${m.rule.id}`, now, `Something changed: requests now meet a new problem (${m.where.join('; ')}). Look at ${signals.join(', ') || 'the dashboards'}.`);
    }
    for (const id of [...this.live]) {
      if (current.has(id)) continue;
      this.live.delete(id);
      this.say(`stop:${id}`, now, `One problem has stopped affecting the live system at ${formatClock(now)}: check that the signals come back, and that nothing else is left.`);
    }
  }

  private say(key: string, tMs: number, text: string): void {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.notes.push({ tMs, text });
  }
}
