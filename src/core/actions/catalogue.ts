import type { Command } from '../commands.js';
import { formatCommand } from '../commands.js';
import { unknownName } from '../names.js';
import type { Tracker } from '../tracker.js';
import type { World } from '../world.js';
import { makeContext, type ActionRecord, type Verb } from './action.js';
import { CHANGE_VERBS } from './change-verbs.js';
import { OBSERVE_VERBS } from './observe-verbs.js';
import { RECOVERY_VERBS } from './recovery-verbs.js';

/** Every operator verb, shared by team commands and playbook steps. */
export const VERBS: ReadonlyMap<string, Verb> = new Map([...OBSERVE_VERBS, ...CHANGE_VERBS, ...RECOVERY_VERBS].map((v) => [v.name, v]));

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
    const verb = VERBS.get(cmd.verb);
    if (!verb) return reject(unknownName('command', cmd.verb, VERBS.keys()));
    const unknownOption = Object.keys(cmd.options).find((o) => !(verb.options ?? []).includes(o));
    if (unknownOption !== undefined) {
      return reject(`${cmd.verb} has no option --${unknownOption}${verb.options?.length ? ` (options: ${verb.options.map((o) => `--${o}`).join(', ')})` : ''}`);
    }
    if (this.running >= MAX_RUNNING_ACTIONS) return reject(`${MAX_RUNNING_ACTIONS} actions are already in flight`);
    this.running++;
    const ctx = makeContext(world, this.tracker, cmd, record, () => this.running--);
    // Verbs check their arguments before changing anything, so a rejected command leaves no trace.
    const logMark = world.log.length;
    world.note('action', `${by}: ${record.text}`);
    const usage = verb.start(ctx);
    if (typeof usage === 'string') {
      this.running--;
      world.log.length = logMark;
      return reject(usage);
    }
    if (record.verb !== 'inspect' && record.verb !== 'note' && record.verb !== 'wait') this.tracker.actionsTaken++;
    return record;
  }
}
