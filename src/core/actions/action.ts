import type { Cause } from '../cause.js';
import type { Outcome } from '../changes.js';
import { jittered } from '../changes.js';
import type { Command } from '../commands.js';
import type { Tracker } from '../tracker.js';
import type { World } from '../world.js';
import type { Declaration } from './declaration.js';

export type ActionStatus = 'running' | 'done' | 'failed' | 'rejected';

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
  /** done/fail as an Outcome, for the change mechanisms. */
  outcome: Outcome;
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
  start(ctx: ActionContext): void;
}

export function makeContext(world: World, tracker: Tracker, cmd: Command, record: ActionRecord, onEnd: () => void): ActionContext {
  const finish = (status: 'done' | 'failed', text?: string): void => {
    if (record.status !== 'running') return;
    record.status = status;
    record.endMs = world.now;
    if (status === 'failed') {
      record.reason = text;
      tracker.actionsFailed++;
      world.note('action-failed', `${record.text} failed: ${text}`);
    } else {
      world.note('action-done', `${record.text} done${text ? `: ${text}` : ''}`);
    }
    onEnd();
  };
  const ctx: ActionContext = {
    world,
    tracker,
    cmd,
    record,
    cause: { kind: 'action', id: record.id, verb: record.verb },
    wait(baseMs, then) {
      const base = world.spec.actionMs[record.verb] ?? baseMs;
      world.kernel.after(jittered(world, base), then);
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
      fail: (reason) => ctx.fail(reason),
    },
  };
  return ctx;
}
