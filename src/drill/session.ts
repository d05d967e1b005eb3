import type { ActionRecord } from '../core/actions/action.js';
import { formatCommand, parseCommand, type Command } from '../core/commands.js';
import { Drill } from '../core/drill.js';
import type { Watch } from '../core/monitors.js';
import { drillResult, type DrillResult } from '../core/result.js';
import type { FaultAction, WatchSpec } from '../core/spec.js';
import type { JournalEntry } from '../formats/journal.js';
import type { Scenario } from '../formats/scenario.js';

export type { JournalEntry };

/**
 * The way in for every actor: a team at the keyboard, a playbook, a replayed journal. Advance
 * the clock, submit commands at the current simulated time, read the world. Every submission is
 * journaled, so any drill can be replayed to the same report.
 */
export class Session {
  readonly drill: Drill;
  readonly journal: JournalEntry[] = [];
  /** Metrics watched by whoever drives the session (playbook triggers), named in the report. */
  readonly watched = new Set<string>();

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    private readonly onJournal?: (entry: JournalEntry) => void,
  ) {
    this.drill = new Drill(scenario.spec, seed);
  }

  get now(): number {
    return this.drill.now;
  }

  get done(): boolean {
    return this.drill.done;
  }

  advance(ms: number): void {
    this.drill.advance(ms);
  }

  /** Submits a command (text as a person types it, or parsed) at the current simulated time. */
  submit(command: string | Command, by: string): ActionRecord {
    const parsed = typeof command === 'string' ? parseCommand(command) : command;
    if ('error' in parsed) {
      return { id: 0, text: String(command), verb: '', by, startMs: this.now, endMs: this.now, status: 'rejected', reason: parsed.error, output: [] };
    }
    const entry: JournalEntry = { atMs: this.now, by, command: formatCommand(parsed) };
    this.journal.push(entry);
    this.onJournal?.(entry);
    return this.drill.submit(parsed, by);
  }

  /** A facilitator's twist. Journaled as a command so a replay fires it too. */
  inject(id: string): FaultAction | string {
    const inject = this.scenario.meta.injects.find((i) => i.id === id);
    if (!inject) return `unknown inject '${id}'`;
    const entry: JournalEntry = { atMs: this.now, by: 'facilitator', command: `inject ${id}` };
    this.journal.push(entry);
    this.onJournal?.(entry);
    this.drill.inject(inject.fault);
    return inject.fault;
  }

  /** A watch over this drill's metrics; its metric is named in the report as watched. */
  watch<S extends WatchSpec>(spec: S): Watch<S> {
    this.watched.add(spec.metric);
    return this.drill.watch(spec);
  }

  result(): DrillResult {
    return drillResult(this.drill, [...this.watched]);
  }
}
