import type { Command } from '../commands.js';
import { formatCommand } from '../commands.js';
import type { Tracker } from '../tracker.js';
import type { World } from '../world.js';
import { makeContext, type ActionRecord } from './action.js';
import { inFlightEntry } from './abortable.js';
import { checkCommand } from './check.js';
import { VERBS } from './verbs.js';

export { VERBS };

/** At most this many actions in flight at once: a runaway playbook is an error, not a hang. */
export const MAX_RUNNING_ACTIONS = 64;

/** Starts commands against the world and keeps the record of each. */
export class Actions {
  readonly records: ActionRecord[] = [];
  private running = 0;

  constructor(
    private readonly world: World,
    private readonly tracker: Tracker,
  ) {}

  get inFlight(): number {
    return this.running;
  }

  submit(cmd: Command, by: string): ActionRecord {
    const world = this.world;
    const record: ActionRecord = {
      id: this.records.length + 1,
      text: formatCommand(cmd),
      verb: cmd.verb,
      by,
      startMs: world.now,
      endMs: null,
      status: 'running',
      output: [],
    };
    this.records.push(record);
    const reject = (reason: string): ActionRecord => {
      record.status = 'rejected';
      record.endMs = world.now;
      record.reason = reason;
      return record;
    };
    // Checked in full before anything changes, so a rejected command leaves no trace in the world.
    const problem = checkCommand(world, cmd);
    if (problem !== undefined) return reject(problem);
    if (this.running >= MAX_RUNNING_ACTIONS) return reject(`${MAX_RUNNING_ACTIONS} actions are already in flight`);
    this.running++;
    const verb = VERBS.get(cmd.verb)!;
    const ctx = makeContext(world, this.tracker, cmd, record, inFlightEntry(world, verb, cmd), () => this.running--);
    world.note('action', `${by}: ${record.text}`);
    verb.start(ctx);
    if (verb.leaves !== 'none') this.tracker.actionsTaken++;
    return record;
  }
}
