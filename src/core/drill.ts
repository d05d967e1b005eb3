import { Actions } from './actions/catalogue.js';
import type { ActionRecord } from './actions/action.js';
import type { Command } from './commands.js';
import { applyFault } from './faults.js';
import { describeWatch, Watch } from './monitors.js';
import type { FaultAction, MonitorSpec, ScenarioSpec, WatchSpec } from './spec.js';
import { primeHistory, trafficSecond, type FlowObserver } from './tick.js';
import { Tracker } from './tracker.js';
import { World } from './world.js';

export const TICK_MS = 1000;
/** With no impact this long after the last fault, the drill ends: nothing happened. */
export const NO_IMPACT_GRACE_MS = 10 * 60_000;

export type EndReason = 'recovered' | 'no-impact' | 'horizon' | 'ended';

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
  private ended: EndReason | undefined;
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
  ) {
    this.world = new World(spec, seed);
    primeHistory(this.world);
    this.tracker = new Tracker(this.world);
    this.actions = new Actions(this.world, this.tracker);
    this.monitors = spec.monitors.map((m) => this.watch(m));
    for (const f of spec.faults) this.world.kernel.at(f.atMs, () => applyFault(this.world, f));
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

  /** A watch over this drill's metrics, with the metric's baseline for relative conditions. */
  watch<S extends WatchSpec>(spec: S): Watch<S> {
    const m = this.world.metricSpecs.get(spec.metric);
    const traffic = this.spec.traffic;
    const baseline = m?.baseline ?? (spec.metric === 'quality' ? traffic.baseQuality : spec.metric === 'errorRate' ? traffic.baseErrorRate : undefined);
    return new Watch(spec, baseline);
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

  /** Moves the clock forward (never past the end of the drill). */
  advance(ms: number): void {
    if (ms < 0) throw new Error(`cannot advance by ${ms} ms`);
    const target = Math.min(this.now + ms, this.spec.horizonMs);
    while (!this.ended && this.world.kernel.nextEventAt() <= target) this.world.kernel.runUntil(this.world.kernel.nextEventAt());
    if (!this.ended) this.world.kernel.runUntil(target);
  }

  /** Runs until the drill ends by itself. */
  runToEnd(): void {
    while (!this.ended) this.advance(this.spec.horizonMs);
  }

  submit(cmd: Command, by: string): ActionRecord {
    if (this.ended) throw new Error('the drill has ended');
    return this.actions.submit(cmd, by);
  }

  /** Ends the drill now (a facilitator calls time): what happened so far is what is scored. */
  stop(): void {
    if (this.ended) return;
    this.ended = 'ended';
    this.tracker.close();
  }

  /** A facilitator's twist, fired now. */
  inject(fault: FaultAction): void {
    applyFault(this.world, fault, 'inject');
  }

  private tick(): void {
    const world = this.world;
    world.writeFormats();
    const out = trafficSecond(world, this.flowObservers.length > 0 ? this.observeFlow : undefined);
    this.tracker.count(out);
    for (const m of this.monitors) {
      const change = m.update(world.metrics, world.now);
      if (change === 'fire') {
        world.note('alert', `alert ${m.spec.id}: ${describeWatch(m.spec)}`);
        this.tracker.detect(`alert ${m.spec.id}`);
      } else if (change === 'resolve') {
        world.note('resolve', `alert ${m.spec.id} resolved`);
      }
    }
    this.tracker.observe();
    this.ended = this.endCheck();
    if (this.ended) {
      this.tracker.close();
      return;
    }
    world.kernel.after(TICK_MS, this.tickTask);
    for (const listener of this.tickListeners) listener();
  }

  private endCheck(): EndReason | undefined {
    const now = this.now;
    if (now < this.lastFaultMs) return undefined;
    if (this.tracker.recovered) return 'recovered';
    const quiet = this.actions.inFlight === 0 && !this.world.temporaryRules.some((t) => t.rampMs > 0 && now < t.untilMs);
    if (this.tracker.impactStartMs === undefined && quiet && now >= this.lastFaultMs + NO_IMPACT_GRACE_MS) return 'no-impact';
    if (now >= this.spec.horizonMs) return 'horizon';
    return undefined;
  }
}
