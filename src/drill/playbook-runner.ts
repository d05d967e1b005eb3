import type { ActionRecord } from '../core/actions/action.js';
import { describeWatch, formatClock } from '../core/monitors.js';
import type { DrillOptions } from '../core/world.js';
import type { Playbook, Step } from '../formats/playbook.js';
import type { Scenario } from '../formats/scenario.js';
import { AlertRules } from './controller/alert-rules.js';
import { checkedCanary } from './controller/checked-canary.js';
import { ControllerContext } from './controller/context.js';
import { steppedCanary } from './controller/stepped-canary.js';
import { checkFit } from './fit.js';
import { People } from './people.js';
import { SeriesStore } from './promql/series-store.js';
import { Session, type JournalEntry } from './session.js';
import type { Measurement } from './controller/measurement.js';
import { traceWatches, type WatchedSeries } from './watch-trace.js';

export interface PlaybookRun {
  name: string;
  triggeredMs: number | null;
  trigger: string | null;
  finishedMs: number | null;
  /** null when the playbook states no success criteria or never got that far. */
  successMet: boolean | null;
  log: { tMs: number; text: string }[];
}

type Flow = Generator<void, boolean, void>;

/**
 * Runs a playbook: it watches its triggers every second, and once one fires it declares the
 * incident and runs its steps, submitting each command through the session. Steps run as
 * generators resumed once per simulated second.
 *
 * Automated, it acts the second a trigger fires. Carried out by people (a playbook whose
 * `executedBy` is `people`), the trigger pages someone, who acknowledges, finds and reads the
 * runbook, reads and types each step, and waits for a second person to approve destructive ones:
 * the delays of responders.ts, drawn from the drill's own `responders` stream.
 */
export class PlaybookRunner {
  readonly run: PlaybookRun;
  private readonly main: Flow;
  private finished = false;
  /** A controller's alerting rules and canary, run beside the triggers and steps. */
  private readonly alerts: AlertRules | undefined;
  private readonly canary: Flow | undefined;
  private canaryFinished = false;
  /** The people carrying it out, when it is run by hand. */
  private readonly people: People | undefined;
  /** What a rollout controller measured, in order (none for a native playbook). */
  readonly measurements: Measurement[];

  constructor(
    private readonly session: Session,
    private readonly playbook: Playbook,
  ) {
    this.run = { name: playbook.name, triggeredMs: null, trigger: null, finishedMs: null, successMet: null, log: [] };
    this.people = playbook.executedBy === 'people' ? new People(session, (text) => this.note(text)) : undefined;
    const controller = playbook.controller;
    this.measurements = [];
    if (controller) {
      // Registered before the runner polls, so a query at a second reads that second's traffic.
      const store = new SeriesStore(session.drill, controller.series, controller.historyMs);
      const ctx = new ControllerContext(session, store, this.by, (text) => this.note(text));
      this.measurements = ctx.measurements;
      if (controller.alerts.length > 0) this.alerts = new AlertRules(controller.alerts, store, (text) => this.note(text));
      const canary = controller.canary;
      if (canary) this.canary = canary.kind === 'stepped' ? steppedCanary(ctx, canary, controller.analyses) : checkedCanary(ctx, canary);
    }
    this.main = this.program();
  }

  /** Called once per simulated second. */
  poll(): void {
    this.alerts?.poll(this.session.now);
    if (this.canary && !this.canaryFinished && this.canary.next().done) this.canaryFinished = true;
    if (!this.finished && this.main.next().done) this.finished = true;
  }

  private note(text: string): void {
    this.run.log.push({ tMs: this.session.now, text });
  }

  private get by(): string {
    return this.people ? `responder running ${this.playbook.name}` : `playbook ${this.playbook.name}`;
  }

  private *program(): Flow {
    const drill = this.session.drill;
    const triggers = this.playbook.triggers.map((t) => {
      if (t.kind === 'alert') {
        const monitors = drill.monitors.filter((m) => t.alert === 'any' || m.spec.id === t.alert);
        const own = (this.alerts?.names() ?? []).filter((n) => t.alert === 'any' || n === t.alert);
        return (): string | undefined => {
          const monitor = monitors.find((m) => m.firing)?.spec.id;
          if (monitor) return `alert ${monitor}`;
          const rule = own.find((n) => this.alerts!.firing(n));
          return rule && `alert ${this.alerts!.describe(rule)}`;
        };
      }
      const watch = this.session.watch(t.watch);
      return (): string | undefined => (watch.update(drill.world.metrics, this.session.now) === 'fire' ? describeWatch(t.watch) : undefined);
    });
    for (;;) {
      // Every watch is updated every second (its hold time counts), even once one has fired.
      const fired = triggers.map((t) => t()).find((f) => f !== undefined);
      if (fired) {
        this.run.triggeredMs = this.session.now;
        this.run.trigger = fired;
        this.note(`trigger fired: ${this.run.trigger}`);
        if (this.people) yield* this.people.takeThePage(this.playbook);
        this.session.submit({ verb: 'declare', args: [`trigger ${this.run.trigger}`], options: {} }, this.by);
        break;
      }
      yield;
    }
    const completed = yield* this.steps(this.playbook.steps);
    this.run.finishedMs = this.session.now;
    this.note(completed ? 'all steps done' : 'stopped: a step failed with no onFail branch');
    if (this.playbook.success) yield* this.checkSuccess(this.playbook.success);
    return true;
  }

  private *steps(steps: Step[]): Flow {
    for (const step of steps) if (!(yield* this.step(step))) return false;
    return true;
  }

  private *step(step: Step): Flow {
    switch (step.kind) {
      case 'run':
        return yield* this.command(step);
      case 'parallel':
        return yield* this.parallel(step.steps);
      case 'verify':
        return yield* this.verify(step);
      case 'wait': {
        const until = this.session.now + step.ms;
        while (this.session.now < until) yield;
        return true;
      }
    }
  }

  private *command(step: Extract<Step, { kind: 'run' }>): Flow {
    if (this.people) yield* this.people.prepare(step);
    const record: ActionRecord = this.session.submit(step.command, this.by);
    const deadline = this.session.now + step.timeoutMs;
    while (record.status === 'running' && this.session.now < deadline) yield;
    if (record.status === 'done') return true;
    const why = record.status === 'running' ? `still running after ${formatClock(step.timeoutMs)}` : record.reason;
    this.note(`${step.text} ${record.status === 'rejected' ? 'was rejected' : 'failed'}: ${why}`);
    if (step.onFail.length === 0) return false;
    return yield* this.steps(step.onFail);
  }

  private *parallel(steps: Step[]): Flow {
    let active = steps.map((s) => this.step(s));
    let ok = true;
    for (;;) {
      active = active.filter((g) => {
        const r = g.next();
        if (r.done && !r.value) ok = false;
        return !r.done;
      });
      if (active.length === 0) return ok;
      yield;
    }
  }

  private *verify(step: Extract<Step, { kind: 'verify' }>): Flow {
    if (this.people) yield* this.people.read(describeWatch(step.watch));
    const watch = this.session.watch(step.watch);
    const deadline = this.session.now + step.timeoutMs;
    for (;;) {
      watch.update(this.session.drill.world.metrics, this.session.now);
      if (watch.firing) {
        this.note(`verified: ${describeWatch(step.watch)}`);
        return true;
      }
      if (this.session.now >= deadline) break;
      yield;
    }
    this.note(`verify failed after ${formatClock(step.timeoutMs)}: ${describeWatch(step.watch)}`);
    if (step.onFail.length === 0) return false;
    return yield* this.steps(step.onFail);
  }

  private *checkSuccess(success: NonNullable<Playbook['success']>): Flow {
    const watches = success.all.map((w) => this.session.watch(w));
    const deadline = this.session.now + success.withinMs;
    for (;;) {
      for (const w of watches) w.update(this.session.drill.world.metrics, this.session.now);
      if (watches.every((w) => w.firing)) {
        this.run.successMet = true;
        this.note('success criteria met');
        return true;
      }
      if (this.session.now >= deadline) {
        this.run.successMet = false;
        this.note(`success criteria not met within ${formatClock(success.withinMs)}`);
        return false;
      }
      yield;
    }
  }
}

/** Runs a playbook against a session until the drill ends. */
export function runPlaybook(session: Session, playbook: Playbook, injects: readonly FiredInject[] = []): PlaybookRun {
  const runner = new PlaybookRunner(session, playbook);
  runToEnd(runner, session, injects);
  return runner.run;
}

function runToEnd(runner: PlaybookRunner, session: Session, injects: readonly FiredInject[]): void {
  session.drill.onTick(() => runner.poll());
  for (const inject of [...injects].sort((a, b) => a.atMs - b.atMs)) {
    session.advance(inject.atMs - session.now);
    if (session.done || session.now !== inject.atMs) break;
    session.inject(inject.id);
  }
  session.drill.runToEnd();
}

/** A facilitator's inject and when it was fired: the best play is drilled against the same twists. */
export interface FiredInject {
  id: string;
  atMs: number;
}

/**
 * One drill of a scenario against a playbook: checks they fit, then runs to the end. With
 * `trace`, it also records what the playbook watched, and what a rollout controller measured
 * (for the charts and tables of a detailed report); with `charts`, a chart copy of every series.
 */
export function drillPlaybook(
  scenario: Scenario,
  playbook: Playbook,
  seed: number,
  onJournal?: (entry: JournalEntry) => void,
  injects: readonly FiredInject[] = [],
  options: { trace?: boolean } & DrillOptions = {},
): { session: Session; run: PlaybookRun; watched?: WatchedSeries[]; measured?: Measurement[] } {
  checkFit(playbook, scenario);
  const session = new Session(scenario, seed, onJournal, { charts: options.charts ?? false });
  for (const use of playbook.uses) if (use.kind === 'metric') session.watched.add(use.name);
  const watched = options.trace ? traceWatches(session, playbook) : undefined;
  const runner = new PlaybookRunner(session, playbook);
  runToEnd(runner, session, injects);
  return { session, run: runner.run, ...(watched ? { watched, measured: runner.measurements } : {}) };
}
