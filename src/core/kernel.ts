import { EventQueue } from './queue.js';

export type Task = () => void;

/**
 * Events one simulated instant may hold. A busy instant of a big world (ten thousand pods
 * changing at once) runs tens of thousands; past a million, a task is rescheduling itself
 * without letting time pass, and the drill would spin forever at that instant.
 */
export const MAX_EVENTS_PER_INSTANT = 1_000_000;

/**
 * Simulated time: an integer millisecond clock and the queue of what happens next. Nothing here
 * waits on anything real: whoever drives the drill (a playbook, a team at 1x wall time, a
 * replay) decides how far to advance.
 */
export class Kernel {
  private clock = 0;
  private readonly queue = new EventQueue<Task>(256);
  private instantMs = -1;
  private eventsThisInstant = 0;
  private eventsRun = 0;

  get now(): number {
    return this.clock;
  }

  at(timeMs: number, task: Task): void {
    if (timeMs < this.clock) throw new Error(`cannot schedule at ${timeMs} ms: the clock is already at ${this.clock} ms`);
    this.queue.push(Math.round(timeMs), task);
  }

  after(delayMs: number, task: Task): void {
    this.at(this.clock + Math.max(0, delayMs), task);
  }

  /** Tasks run so far: what a drill costs, whatever its clock says. */
  get steps(): number {
    return this.eventsRun;
  }

  nextEventAt(): number {
    return this.queue.peekTime();
  }

  /** Runs the next task due (see `nextEventAt`), with the clock at its time. */
  runNext(): void {
    this.clock = this.queue.peekTime();
    const task = this.queue.pop()!;
    this.eventsRun++;
    if (this.clock !== this.instantMs) {
      this.instantMs = this.clock;
      this.eventsThisInstant = 0;
    } else if (++this.eventsThisInstant >= MAX_EVENTS_PER_INSTANT) {
      throw new Error(
        `more than ${MAX_EVENTS_PER_INSTANT} events at ${this.clock} ms of simulated time: task '${task.name || 'anonymous'}' keeps rescheduling itself without letting time pass`,
      );
    }
    task();
  }

  /** Runs every task due at or before `timeMs`, in (time, scheduling order), then sets the clock there. */
  runUntil(timeMs: number): void {
    while (this.queue.peekTime() <= timeMs) this.runNext();
    this.clock = Math.max(this.clock, timeMs);
  }
}
