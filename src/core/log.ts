export type LogKind =
  | 'fault'
  /** A change the release system made and announced (a deploy, a canary step, a pointer switch), whoever ordered it. */
  | 'change'
  | 'inject'
  | 'alert'
  | 'resolve'
  | 'detect'
  | 'impact'
  | 'mitigate'
  | 'recover'
  | 'action'
  | 'action-done'
  | 'action-failed'
  /** An action stopped while under way by an `abort`. */
  | 'aborted'
  | 'pods'
  | 'unstable'
  | 'stable'
  | 'agent'
  | 'data'
  | 'escalation'
  /** A behavioural suite ran: its score against the baseline. */
  | 'suite'
  | 'note'
  /** A hint revealed to the team (a debrief line, written by the session from its journal). */
  | 'hint'
  /** The facilitator ended the drill (a debrief line, written by the session from its journal). */
  | 'end';

export interface LogEntry {
  tMs: number;
  kind: LogKind;
  text: string;
}

/** The kinds a debrief timeline shows; the rest stay in the full log. */
export const TIMELINE_KINDS: ReadonlySet<LogKind> = new Set<LogKind>([
  'fault',
  'change',
  'inject',
  'alert',
  'detect',
  'impact',
  'mitigate',
  'recover',
  'action',
  'action-done',
  'action-failed',
  'aborted',
  'pods',
  'unstable',
  'stable',
  'agent',
  'data',
  'escalation',
  'suite',
]);

/**
 * Entries of one kind and text a log keeps; the rest are counted. An alert that flaps on a
 * noisy metric logs two entries a flip, for as long as the drill runs: a month of them would
 * fill the memory of a worker, and read as nothing but noise.
 */
export const MAX_REPEATS = 100;
/** Entries a drill's log keeps in all; past this, entries are counted by kind. */
export const MAX_LOG_ENTRIES = 10_000;

/** Entries of one kind and text that were counted, not kept. */
export interface Repeat {
  kind: LogKind;
  text: string;
  count: number;
  firstMs: number;
  lastMs: number;
}

/**
 * Decides which entries a log keeps, so that its size is bounded whatever the drill does:
 * the first MAX_REPEATS of each kind and text, and MAX_LOG_ENTRIES in all. What it does not keep
 * it counts, for the timeline to say.
 */
export class LogLimits {
  private readonly kept = new Map<string, number>();
  readonly repeats = new Map<string, Repeat>();
  readonly dropped = new Map<LogKind, number>();
  private length = 0;

  /**
   * Whether `entry` goes into `log` (the caller appends it); if not, it is counted. (A rejected
   * command takes its entry back out of the log; one that was only counted stays counted.)
   */
  admit(log: readonly LogEntry[], entry: LogEntry): boolean {
    // The log is shorter than it was: a rejected command took its entry back. Count again.
    if (log.length < this.length) this.recount(log);
    const key = `${entry.kind}\u0000${entry.text}`;
    const kept = this.kept.get(key) ?? 0;
    if (kept >= MAX_REPEATS) {
      const r = this.repeats.get(key);
      if (r) {
        r.count++;
        r.lastMs = entry.tMs;
      } else {
        this.repeats.set(key, { kind: entry.kind, text: entry.text, count: 1, firstMs: entry.tMs, lastMs: entry.tMs });
      }
      return false;
    }
    if (log.length >= MAX_LOG_ENTRIES) {
      this.dropped.set(entry.kind, (this.dropped.get(entry.kind) ?? 0) + 1);
      return false;
    }
    this.kept.set(key, kept + 1);
    this.length = log.length + 1;
    return true;
  }

  private recount(log: readonly LogEntry[]): void {
    this.kept.clear();
    for (const e of log) {
      const key = `${e.kind}\u0000${e.text}`;
      this.kept.set(key, (this.kept.get(key) ?? 0) + 1);
    }
    this.length = log.length;
  }
}
