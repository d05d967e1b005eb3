import { TICK_MS } from '../core/drill.js';
import type { Session } from './session.js';

/** Where wall time comes from: the real clock in the terminal, a fake one in tests. */
export interface WallClock {
  nowMs(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: WallClock = {
  nowMs: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The speeds a facilitator steps through. */
export const SPEEDS = [1, 2, 5, 10, 30, 60] as const;

/** How often the driver catches the drill up with wall time, and so at most how often a screen redraws. */
export const FRAME_MS = 100;

/**
 * Drives a drill from wall time at a chosen speed. The simulated clock only ever stops on a
 * whole second, after that second's tick, so whatever a person submits lands at the same point
 * of a second as a playbook's step or a replayed journal line: the same inputs give the same
 * drill at any speed and with any pauses. While paused no timer runs at all.
 */
export class LiveDriver {
  private anchorWallMs = 0;
  private anchorSimMs = 0;
  private timer: unknown;
  private speedValue: number;
  private pausedValue = true;
  private startedValue = false;
  private readonly frameListeners: (() => void)[] = [];
  private readonly endListeners: (() => void)[] = [];

  constructor(
    readonly session: Session,
    private readonly clock: WallClock = systemClock,
    speed = 1,
  ) {
    this.speedValue = speed;
  }

  get speed(): number {
    return this.speedValue;
  }

  get paused(): boolean {
    return this.pausedValue;
  }

  /** The clock has been started (the team left the briefing); pauses do not change this. */
  get started(): boolean {
    return this.startedValue;
  }

  get running(): boolean {
    return this.startedValue && !this.pausedValue && !this.session.done;
  }

  /** Called after the drill moved (at most once per frame) or something was submitted. */
  onFrame(listener: () => void): () => void {
    this.frameListeners.push(listener);
    return () => {
      const i = this.frameListeners.indexOf(listener);
      if (i >= 0) this.frameListeners.splice(i, 1);
    };
  }

  /** Called once when the drill ends by itself or is ended. */
  onEnd(listener: () => void): void {
    this.endListeners.push(listener);
  }

  start(): void {
    if (this.startedValue) return;
    this.startedValue = true;
    this.resume();
  }

  pause(): void {
    if (this.pausedValue) return;
    this.catchUp();
    this.pausedValue = true;
    this.stopTimer();
    this.frame();
  }

  resume(): void {
    if (!this.startedValue || !this.pausedValue || this.session.done) return;
    this.pausedValue = false;
    this.anchor();
    this.schedule();
    this.frame();
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new Error(`speed must be positive, got ${speed}`);
    if (!this.pausedValue) this.catchUp();
    this.speedValue = speed;
    this.anchor();
    this.frame();
  }

  /** The next speed up or down the ladder. */
  step(direction: 1 | -1): void {
    const i = SPEEDS.findIndex((s) => s >= this.speedValue);
    const at = i < 0 ? SPEEDS.length - 1 : i;
    this.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, at + direction))]!);
  }

  /** Runs `fn` against the session now (between whole seconds) and redraws. */
  act<T>(fn: (session: Session) => T): T {
    const out = fn(this.session);
    this.frame();
    this.checkEnd();
    return out;
  }

  /** Stops driving without ending the drill (the screen is closing). */
  stop(): void {
    this.stopTimer();
    this.pausedValue = true;
  }

  private anchor(): void {
    this.anchorWallMs = this.clock.nowMs();
    this.anchorSimMs = this.session.now;
  }

  private schedule(): void {
    this.timer = this.clock.setTimer(() => this.loop(), FRAME_MS);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private loop(): void {
    this.timer = undefined;
    if (this.pausedValue || this.session.done) return;
    const moved = this.catchUp();
    if (moved) this.frame();
    if (this.checkEnd()) return;
    this.schedule();
  }

  /** Advances the drill to the last whole simulated second wall time has reached. */
  private catchUp(): boolean {
    const target = this.anchorSimMs + (this.clock.nowMs() - this.anchorWallMs) * this.speedValue;
    const whole = Math.floor(target / TICK_MS) * TICK_MS;
    if (whole <= this.session.now) return false;
    this.session.advance(whole - this.session.now);
    return true;
  }

  private checkEnd(): boolean {
    if (!this.session.done) return false;
    this.stopTimer();
    this.pausedValue = true;
    const listeners = this.endListeners.splice(0);
    for (const listener of listeners) listener();
    return true;
  }

  private frame(): void {
    for (const listener of this.frameListeners) listener();
  }
}
