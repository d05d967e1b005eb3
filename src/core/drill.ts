import { Actions, VERBS } from './actions/catalogue.js';
import { RecoveryBlockers } from './blockers.js';
import { hasActive, inertLine } from './inert.js';
import type { ActionRecord } from './actions/action.js';
import { checkShape } from './actions/check.js';
import { formatCommand, type Command } from './commands.js';
import { applyFault } from './faults.js';
import { describeWatch, formatClock, Watch } from './monitors.js';
import { unknownName } from './names.js';
import type { FaultAction, MonitorSpec, ScenarioSpec, WatchSpec } from './spec.js';
import { baselineOf, routeShare } from './metric-table.js';
import { scheduleSuites, suiteRunOf } from './suites.js';
import { primeHistory, trafficSecond, type FlowObserver } from './tick.js';
import { Tracker } from './tracker.js';
import { World, type DrillOptions } from './world.js';

export const TICK_MS = 1000;
/** With no impact this long after the last fault, the drill ends: nothing happened. */
export const NO_IMPACT_GRACE_MS = 10 * 60_000;

/** `ended`: the facilitator ended the drill before it ended by itself. */
export type EndReason = 'recovered' | 'no-impact' | 'horizon' | 'ended';

const END_WORDS: Record<Exclude<EndReason, 'ended'>, string> = {
  recovered: 'it recovered',
  'no-impact': 'nothing happened',
  horizon: 'it reached its horizon',
};

/**
 * The record of a command the drill refused before it reached the world (id 0: it is no part of
 * the drill, so neither the result nor a journal keeps it).
 */
export function refusedRecord(text: string, verb: string, by: string, atMs: number, reason: string): ActionRecord {
  return { id: 0, text, verb, by, startMs: atMs, endMs: atMs, status: 'rejected', reason, output: [] };
}

/**
 * One drill: a world, its clock, the actions submitted to it and what the tracker saw. Every
 * actor drives it the same way: advance the clock, submit commands, read the state. A playbook
 * run, a team at the keyboard and a replayed journal are the same thing to it.
 */
export class Drill {
  readonly world: World;
  readonly tracker: Tracker;
  readonly actions: Actions;
  readonly monitors: Watch<MonitorSpec>[];
  /** What stood in the way of recovering, second by second: read when a recovery comes late or never. */
  readonly blockers = new RecoveryBlockers();
  private ended: EndReason | undefined;
  private stopped: { by: string; atMs: number } | undefined;
  private lastTickMs = -1;
  private readonly lastFaultMs: number;
  private readonly tickListeners: (() => void)[] = [];
  private readonly tickTask = (): void => this.tick();
  private readonly flowObservers: FlowObserver[] = [];
  private readonly observeFlow: FlowObserver = (route, out) => {
    for (const observer of this.flowObservers) observer(route, out);
  };

  constructor(
    readonly spec: ScenarioSpec,
    readonly seed: number,
    options: DrillOptions = {},
  ) {
    this.world = new World(spec, seed, options);
    primeHistory(this.world);
    this.tracker = new Tracker(this.world);
    this.actions = new Actions(this.world, this.tracker);
    this.monitors = spec.monitors.map((m) => this.watch(m));
    for (const f of spec.faults) this.world.kernel.at(f.atMs, () => applyFault(this.world, f));
    scheduleSuites(this.world);
    this.lastFaultMs = Math.max(0, ...spec.faults.map((f) => f.atMs));
    this.world.kernel.at(TICK_MS, this.tickTask);
  }

  get now(): number {
    return this.world.now;
  }

  get done(): boolean {
    return this.ended !== undefined;
  }

  get endReason(): EndReason | undefined {
    return this.ended;
  }

  /** Who ended the drill early, and when (set only when the end reason is `ended`). */
  get stoppedBy(): { by: string; atMs: number } | undefined {
    return this.stopped;
  }

  /** A watch over this drill's metrics, with the metric's baseline for relative conditions. */
  watch<S extends WatchSpec>(spec: S): Watch<S> {
    return new Watch(spec, baselineOf(this.spec, spec.metric, routeShare(this.spec, spec.route)));
  }

  /** Called after every simulated second that does not end the drill, once the world has moved and been measured. */
  onTick(listener: () => void): void {
    this.tickListeners.push(listener);
  }

  /**
   * Called with every route's traffic of every simulated second, before anything reads it:
   * what reports, charts and property tests observe without reaching into the world. The
   * outcome object is reused the next second: copy what you keep.
   */
  onFlow(observer: FlowObserver): void {
    this.flowObservers.push(observer);
  }

  /**
   * Moves the clock forward (never past the end of the drill). Advancing to a whole second stops
   * right after that second's tick and its listeners, before anything else due in the same
   * millisecond: whoever submits next acts where a playbook acts from onTick, so a team at the
   * keyboard, a playbook and a replayed journal all act at the same point of a second.
   */
  advance(ms: number): void {
    if (ms < 0) throw new Error(`cannot advance by ${ms} ms`);
    if (this.ended) return;
    const kernel = this.world.kernel;
    const target = Math.min(this.now + ms, this.spec.horizonMs);
    while (this.lastTickMs !== target && kernel.nextEventAt() <= target) {
      kernel.runNext();
      if (this.ended) {
        // What was due in the millisecond the drill ended still happens.
        kernel.runUntil(this.now);
        return;
      }
    }
    // Nothing else is due by the target: this only moves the clock.
    if (this.lastTickMs !== target) kernel.runUntil(target);
    // A horizon between two ticks (or before the first) is still the end: no tick would say so.
    if (!this.ended && this.now >= this.spec.horizonMs) this.end('horizon');
  }

  /** Runs until the drill ends by itself. */
  runToEnd(): void {
    while (!this.ended) this.advance(this.spec.horizonMs);
  }

  /**
   * Why the drill refuses a command before it reaches the world, if it does: the drill has
   * ended, no verb goes by that name, or the command does not fit the verb's declaration
   * whatever the world (an unknown option, a missing argument, a value of the wrong form). What
   * the world refuses (no such backup, no earlier version) is part of the drill and stays in its
   * record. (The catalogue checks all of it, but keeps a record of what it refuses: checked here
   * first, a mistyped command leaves none, so a journal without it replays to the same drill.)
   */
  refusal(cmd: Command): string | undefined {
    if (this.ended) return this.endedMessage();
    const words = [cmd.verb, ...cmd.args, ...Object.keys(cmd.options), ...Object.values(cmd.options)];
    // What a command holds ends up on screens and in reports: a control character would act there.
    if (words.some((w) => hasActive(w) || w.includes('\n'))) return 'a command cannot hold control characters (escape sequences, line breaks): retype it';
    const verb = VERBS.get(cmd.verb);
    if (!verb) return unknownName('command', cmd.verb, VERBS.keys());
    return checkShape(verb, cmd);
  }

  /** Starts a command now; a refused one comes back rejected and leaves no trace in the drill. */
  submit(cmd: Command, by: string): ActionRecord {
    const refusal = this.refusal(cmd);
    if (refusal !== undefined) return refusedRecord(inertLine(formatCommand(cmd)), inertLine(cmd.verb), by, this.now, refusal);
    return this.actions.submit(cmd, by);
  }

  /** A facilitator's twist, fired now; refused with a message once the drill has ended. */
  inject(fault: FaultAction): string | undefined {
    if (this.ended) return this.endedMessage();
    applyFault(this.world, fault, 'inject');
    return undefined;
  }

  /**
   * Ends the drill now, as the facilitator decides: the clock stops and the tracker closes as
   * at any other end. A drill ended before it recovered is never a PASS.
   */
  stop(by: string): void {
    if (this.ended) return;
    this.ended = 'ended';
    this.stopped = { by, atMs: this.now };
    this.tracker.close();
  }

  /** What a command or inject after the end is told. */
  endedMessage(): string {
    const how = this.ended === 'ended' ? `${this.stopped!.by} ended it` : END_WORDS[this.ended ?? 'horizon'];
    return `the drill has ended (${how} at ${formatClock(this.now)}): nothing more can be done in it`;
  }

  private tick(): void {
    const world = this.world;
    this.lastTickMs = world.now;
    world.writeFormats();
    const out = trafficSecond(world, this.flowObservers.length > 0 ? this.observeFlow : undefined);
    world.metrics.endSecond();
    this.tracker.count(out);
    for (const m of this.monitors) {
      const change = m.update(world.metrics, world.now);
      if (change === 'fire') {
        world.note('alert', `alert ${m.spec.id}: ${describeWatch(m.spec)}`);
        const run = suiteRunOf(world, m.spec.metric);
        this.tracker.detect(`alert ${m.spec.id}${run ? ` on ${run}` : ''}`);
      } else if (change === 'resolve') {
        world.note('resolve', `alert ${m.spec.id} resolved`);
      }
    }
    this.tracker.observe();
    this.blockers.observe(world, this.tracker, out);
    const ended = this.endCheck();
    if (ended) return this.end(ended);
    world.kernel.after(TICK_MS, this.tickTask);
    for (const listener of this.tickListeners) listener();
  }

  private end(reason: EndReason): void {
    this.ended = reason;
    this.tracker.close();
  }

  /** No action running and no fault rule still ramping up: nothing more is on its way. */
  private quiet(now: number): boolean {
    return this.actions.inFlight === 0 && !this.world.temporaryRules.some((t) => t.rampMs > 0 && now < t.untilMs);
  }

  private endCheck(): EndReason | undefined {
    const now = this.now;
    if (now < this.lastFaultMs) return now >= this.spec.horizonMs ? 'horizon' : undefined;
    if (this.tracker.recovered) return 'recovered';
    if (this.tracker.impactStartMs === undefined && now >= this.lastFaultMs + NO_IMPACT_GRACE_MS && this.quiet(now)) return 'no-impact';
    if (now >= this.spec.horizonMs) return 'horizon';
    return undefined;
  }
}
