import type { Cause } from '../cause.js';
import type { Outcome } from '../changes.js';
import { jittered } from '../changes.js';
import type { Command } from '../commands.js';
import type { Tracker } from '../tracker.js';
import type { World } from '../world.js';
import type { InFlight, Undo } from '../in-flight.js';
import type { Declaration } from './declaration.js';

/** `aborted`: stopped while under way by an `abort`, which put back what it could. */
export type ActionStatus = 'running' | 'done' | 'failed' | 'rejected' | 'aborted';

/** One submitted command and what became of it. */
export interface ActionRecord {
  id: number;
  text: string;
  verb: string;
  by: string;
  startMs: number;
  endMs: number | null;
  status: ActionStatus;
  reason?: string;
  output: string[];
  /** When a long action knows when it will finish (a restore), for the debrief. */
  expectedEndMs?: number;
  /** The operator's later action whose change replaced this one's before it finished (a newer rollout of the same track). */
  supersededBy?: number;
}

export interface ActionContext {
  world: World;
  tracker: Tracker;
  cmd: Command;
  record: ActionRecord;
  /** Tags the world changes this action makes, for unstable-state attribution. */
  cause: Cause;
  /** Waits a base duration (the scenario may override the verb's), with seeded jitter. */
  wait(baseMs: number, then: () => void): void;
  done(...output: string[]): void;
  fail(reason: string): void;
  /** done/fail as an Outcome, for the change mechanisms; live while the action runs. */
  outcome: Outcome;
  /** What `abort` puts back of this action, once it has started changing things. */
  onAbort(undo: Undo): void;
  /** Why this action cannot be aborted, when its verb can be but this use of it cannot (a migration). */
  cannotAbort(reason: string): void;
}

/**
 * An operator verb: its declaration (what it accepts), the checks only it knows, and its effect.
 * By the time `start` runs, the command has passed the declared checks and `check`.
 */
export interface Verb extends Declaration {
  /** Why this command cannot run now, beyond what the declaration checks (nothing to restore). */
  check?(world: World, cmd: Command): string | undefined;
  /**
   * What the verb will choose for what this command leaves out (`to 2.14 (the version 2.15
   * replaced)`), so a team can read it before pressing Enter; undefined when it chooses nothing.
   */
  picks?(world: World, cmd: Command): string | undefined;
  /** The same for everything it could be given now, for `help VERB` in a live drill: one line each. */
  picksNow?(world: World): string[];
  /** Names of what this command changes, where its arguments do not say (a canary's route, a release's components). */
  targets?(world: World, cmd: Command): string[];
  start(ctx: ActionContext): void;
}

/**
 * The context a verb runs in. The action is entered in `world.inFlight` as `entry` says (what it
 * changes, and whether it can be aborted) until it ends, however it ends.
 */
export function makeContext(world: World, tracker: Tracker, cmd: Command, record: ActionRecord, entry: Pick<InFlight, 'targets' | 'refusal'>, onEnd: () => void): ActionContext {
  const finish = (status: 'done' | 'failed' | 'aborted', text?: string, supersededBy?: Cause): void => {
    if (record.status !== 'running') return;
    record.status = status;
    record.endMs = world.now;
    world.inFlight.delete(record.id);
    if (status === 'failed') {
      record.reason = text;
      tracker.actionsFailed++;
      // Replaced by the operator's own later command: not a failure of what it did, and said so.
      if (supersededBy?.kind === 'action') record.supersededBy = supersededBy.id;
      const how = supersededBy?.kind === 'action' ? `superseded by action ${supersededBy.id} (${supersededBy.verb}) before it finished` : 'failed';
      world.note('action-failed', `${record.text} ${how}: ${text}`);
    } else if (status === 'aborted') {
      record.reason = text;
      world.note('aborted', `${record.text} aborted ${text}`);
    } else {
      world.note('action-done', `${record.text} done${text ? `: ${text}` : ''}`);
    }
    onEnd();
  };
  world.inFlight.set(record.id, { record, ...entry, stop: (reason) => finish('aborted', reason) });
  const running = (): boolean => record.status === 'running';
  const ctx: ActionContext = {
    world,
    tracker,
    cmd,
    record,
    cause: { kind: 'action', id: record.id, verb: record.verb },
    wait(baseMs, then) {
      const base = world.spec.actionMs[record.verb] ?? baseMs;
      // An action aborted while it waits never does what it was waiting to do.
      world.kernel.after(jittered(world, base), () => {
        if (running()) then();
      });
    },
    done(...output) {
      record.output.push(...output);
      finish('done', output[0]);
    },
    fail(reason) {
      finish('failed', reason);
    },
    outcome: {
      done: (note) => ctx.done(...(note ? [note] : [])),
      fail: (reason, supersededBy) => finish('failed', reason, supersededBy),
      live: running,
    },
    onAbort(undo) {
      const e = world.inFlight.get(record.id);
      if (e) e.undo = undo;
    },
    cannotAbort(reason) {
      const e = world.inFlight.get(record.id);
      if (e) e.refusal = reason;
    },
  };
  return ctx;
}
