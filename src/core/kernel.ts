import { EventQueue } from './queue.js';

export type Task = () => void;

/**
 * Simulated time: an integer millisecond clock and the queue of what happens next. Nothing here
 * waits on anything real: whoever drives the drill (a playbook, a team at 1x wall time, a
 * replay) decides how far to advance.
 */
export class Kernel {
  private clock = 0;
  private readonly queue = new EventQueue<Task>(256);

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

  nextEventAt(): number {
    return this.queue.peekTime();
  }

  /** Runs the next task due (see `nextEventAt`), with the clock at its time. */
  runNext(): void {
    this.clock = this.queue.peekTime();
    this.queue.pop()!();
  }

  /** Runs every task due at or before `timeMs`, in (time, scheduling order), then sets the clock there. */
  runUntil(timeMs: number): void {
    while (this.queue.peekTime() <= timeMs) {
      this.clock = this.queue.peekTime();
      this.queue.pop()!();
    }
    this.clock = Math.max(this.clock, timeMs);
  }
}
