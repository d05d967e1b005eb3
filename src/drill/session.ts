import type { ActionRecord } from '../core/actions/action.js';
import { formatCommand, parseCommand, type Command } from '../core/commands.js';
import { Drill, refusedRecord } from '../core/drill.js';
import type { LogEntry } from '../core/log.js';
import type { Watch } from '../core/monitors.js';
import { unknownName } from '../core/names.js';
import { drillResult, type DrillResult } from '../core/result.js';
import type { FaultAction, WatchSpec } from '../core/spec.js';
import type { DrillOptions } from '../core/world.js';
import { MAX_NOTE_CHARS, type JournalEntry } from '../formats/journal.js';
import type { Scenario } from '../formats/scenario.js';

export type { JournalEntry };

/** Input a live driver queued for the next whole second, as a screen may list it while it waits. */
export type QueuedInput =
  | { kind: 'command'; command: Command; by: string; then?: (record: ActionRecord) => void }
  | { kind: 'inject'; id: string; by: string; then?: (result: FaultAction | string) => void };

/**
 * The way in for every actor: a team at the keyboard, a playbook, a replayed journal. Advance
 * the clock, submit commands, read the world. What the drill accepts from outside is journaled
 * (commands, injects, hints, notes, the facilitator's end), so any drill replays to the same result.
 *
 * Every driver acts at the same point of a simulated second: right after its tick, once the
 * world has moved and been measured. The playbook runner submits from `drill.onTick`. Advancing
 * to a whole second stops right there, so a driver whose clock stops on whole seconds (the live
 * clock driver, a replay) submits directly; one whose clock stops anywhere queues what people
 * type (`queue`, `queueInject`), which the session submits at the next second's tick. Either way
 * the journal's time is the time it was applied, and a replay applies it there again.
 */
export class Session {
  readonly drill: Drill;
  readonly journal: JournalEntry[] = [];
  /** Metrics watched by whoever drives the session (playbook triggers), named in the report. */
  readonly watched = new Set<string>();
  private readonly queued: QueuedInput[] = [];

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    private readonly onJournal?: (entry: JournalEntry) => void,
    options: DrillOptions = {},
  ) {
    this.drill = new Drill(scenario.spec, seed, options);
    // Registered first, so what people queued goes in before a playbook acts in the same second.
    this.drill.onTick(() => this.submitQueued());
  }

  get now(): number {
    return this.drill.now;
  }

  get done(): boolean {
    return this.drill.done;
  }

  /** Input waiting for the next whole second. */
  get pending(): readonly QueuedInput[] {
    return this.queued;
  }

  advance(ms: number): void {
    this.drill.advance(ms);
    if (this.done) this.refuseQueued();
  }

  /**
   * Submits a command (text as a person types it, or parsed) now. A command the drill refuses
   * before it reaches the world (not a command, an unknown verb or option, the drill has ended)
   * comes back rejected and is not journaled; everything else is, refused by the world or not.
   */
  submit(command: string | Command, by: string): ActionRecord {
    const parsed = typeof command === 'string' ? parseCommand(command) : command;
    if ('error' in parsed) return refusedRecord(String(command), '', by, this.now, parsed.error);
    const record = this.drill.submit(parsed, by);
    if (record.id !== 0) this.record({ atMs: this.now, kind: 'command', by, command: formatCommand(parsed) });
    return record;
  }

  /** A facilitator's twist, fired now; a message instead when there is no such inject or the drill has ended. */
  inject(id: string, by = 'facilitator'): FaultAction | string {
    const refusal = this.injectRefusal(id);
    if (refusal !== undefined) return refusal;
    const fault = this.scenario.meta.injects.find((i) => i.id === id)!.fault;
    this.drill.inject(fault);
    this.record({ atMs: this.now, kind: 'inject', by, inject: id });
    return fault;
  }

  /**
   * Queues a command for the next whole second (see the class comment), and hands its record
   * to `then` once submitted. Returns a message when it is refused at once (not a command, an
   * unknown verb or option, the drill has ended); if the drill ends before the next second,
   * `then` receives a rejected record.
   */
  queue(command: string | Command, by: string, then?: (record: ActionRecord) => void): string | undefined {
    const parsed = typeof command === 'string' ? parseCommand(command) : command;
    if ('error' in parsed) return parsed.error;
    const refusal = this.drill.refusal(parsed);
    if (refusal !== undefined) return refusal;
    this.queued.push({ kind: 'command', command: parsed, by, ...(then ? { then } : {}) });
    return undefined;
  }

  /** Queues an inject for the next whole second, like `queue`. */
  queueInject(id: string, by = 'facilitator', then?: (result: FaultAction | string) => void): string | undefined {
    const refusal = this.injectRefusal(id);
    if (refusal !== undefined) return refusal;
    this.queued.push({ kind: 'inject', id, by, ...(then ? { then } : {}) });
    return undefined;
  }

  /**
   * Journals that a hint (by its index among the scenario's hints) was revealed to the team.
   * The world does not change; the debrief lists it. Nothing is recorded once the drill has ended.
   */
  revealHint(index: number, by: string): void {
    const hints = this.scenario.meta.hints;
    if (!Number.isInteger(index) || index < 0 || index >= hints.length) {
      throw new RangeError(`no hint ${index}: ${this.scenario.meta.id} has ${hints.length} (0 to ${hints.length - 1})`);
    }
    if (this.done) return;
    this.record({ atMs: this.now, kind: 'hint', by, index });
  }

  /**
   * Journals a note someone made (not a command: the world does not change, the verdict and score
   * neither); the debrief timeline shows it. Nothing is recorded once the drill has ended.
   */
  note(text: string, by: string): void {
    if (this.done) return;
    const clipped = text.length > MAX_NOTE_CHARS ? `${text.slice(0, MAX_NOTE_CHARS - 1)}…` : text;
    this.record({ atMs: this.now, kind: 'note', by, text: clipped });
  }

  /** The facilitator ends the drill now; it is a FAIL unless it had recovered. */
  end(by: string): void {
    if (this.done) return;
    this.drill.stop(by);
    this.record({ atMs: this.now, kind: 'end', by });
    this.refuseQueued();
  }

  /** A watch over this drill's metrics; its metric is named in the report as watched. */
  watch<S extends WatchSpec>(spec: S): Watch<S> {
    this.watched.add(spec.metric);
    return this.drill.watch(spec);
  }

  /** What the drill came to, with the journal's hints, notes and end in its timeline. */
  result(): DrillResult {
    const result = drillResult(this.drill, [...this.watched]);
    const lines = this.journal.flatMap((e) => this.timelineLine(e));
    if (lines.length > 0) result.timeline = mergeByTime(result.timeline, lines);
    return result;
  }

  private record(entry: JournalEntry): void {
    this.journal.push(entry);
    this.onJournal?.(entry);
  }

  private injectRefusal(id: string): string | undefined {
    if (this.done) return this.drill.endedMessage();
    const ids = this.scenario.meta.injects.map((i) => i.id);
    if (!ids.includes(id)) return ids.length === 0 ? `${this.scenario.meta.id} has no injects` : unknownName('inject', id, ids);
    return undefined;
  }

  private submitQueued(): void {
    if (this.queued.length === 0) return;
    // Input queued by a `then` goes to the next second, not this one.
    for (const q of this.queued.splice(0)) {
      if (q.kind === 'command') {
        const record = this.submit(q.command, q.by);
        q.then?.(record);
      } else {
        const result = this.inject(q.id, q.by);
        q.then?.(result);
      }
    }
  }

  private refuseQueued(): void {
    const message = this.drill.endedMessage();
    for (const q of this.queued.splice(0)) {
      if (q.kind === 'command') q.then?.(refusedRecord(formatCommand(q.command), q.command.verb, q.by, this.now, message));
      else q.then?.(message);
    }
  }

  private timelineLine(e: JournalEntry): LogEntry[] {
    switch (e.kind) {
      case 'hint':
        return [{ tMs: e.atMs, kind: 'hint', text: `${e.by} revealed hint ${e.index + 1}: ${this.scenario.meta.hints[e.index]!.text}` }];
      case 'note':
        return [{ tMs: e.atMs, kind: 'note', text: `${e.by}: ${e.text}` }];
      case 'end':
        return [{ tMs: e.atMs, kind: 'end', text: `${e.by} ended the drill` }];
      default:
        // Commands and injects are in the world's own log already.
        return [];
    }
  }
}

/** Both lists in time order; at the same millisecond, what the world logged comes first. */
function mergeByTime(world: readonly LogEntry[], said: readonly LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  let i = 0;
  for (const line of said) {
    while (i < world.length && world[i]!.tMs <= line.tMs) out.push(world[i++]!);
    out.push(line);
  }
  while (i < world.length) out.push(world[i++]!);
  return out;
}
