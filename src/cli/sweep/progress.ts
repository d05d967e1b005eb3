import { formatClock } from '../../core/monitors.js';
import type { Io } from '../io.js';

const FRAME_MS = 100;
const BAR_WIDTH = 28;
/** Off a terminal: a line at each tenth of a sweep of LONG_SWEEP drills or more, and after HEARTBEAT_MS without one. */
const STEPS = 10;
export const LONG_SWEEP = 1_000;
const HEARTBEAT_MS = 10_000;

/**
 * How far a sweep has got, on stderr. On a terminal, a bar redrawn at most ten times a second.
 * Elsewhere (a CI log), a plain line at each tenth of a long sweep (by its number of drills, so
 * the lines do not depend on the machine's speed) and whenever ten seconds pass without one, so
 * a CI system that stops jobs that print nothing does not stop this one and a person following
 * the log sees it move; a short sweep that takes seconds prints none. Never on stdout.
 */
export class Progress {
  private done = 0;
  private failed = 0;
  private expected = 0;
  private lastDrawMs: number;
  private lastStep = 0;
  private readonly startMs: number;
  private readonly mode: 'bar' | 'lines' | 'none';

  constructor(
    private readonly io: Io,
    private readonly total: number,
    private readonly label: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.mode = total <= 1 ? 'none' : io.errTTY ? 'bar' : 'lines';
    this.startMs = clock();
    this.lastDrawMs = this.mode === 'bar' ? 0 : this.startMs;
  }

  /** One more drill finished; `expectedMiss` when it missed a target it was expected to miss. */
  tick(passed: boolean, expectedMiss = false): void {
    this.done++;
    if (!passed) this.failed++;
    if (expectedMiss) this.expected++;
    if (this.mode === 'none') return;
    const now = this.clock();
    if (this.mode === 'bar') {
      if (now - this.lastDrawMs < FRAME_MS && this.done < this.total) return;
      this.lastDrawMs = now;
      this.io.err(`\r\u001b[K${this.label} ${this.bar()} ${this.status(now)}`);
      return;
    }
    const step = Math.floor((this.done / this.total) * STEPS);
    const stepped = this.total >= LONG_SWEEP && step > this.lastStep;
    if (this.done === this.total || (!stepped && now - this.lastDrawMs < HEARTBEAT_MS)) return;
    this.lastStep = step;
    this.lastDrawMs = now;
    this.io.err(`${this.label}: ${this.status(now)}\n`);
  }

  private bar(): string {
    const filled = Math.round((this.done / this.total) * BAR_WIDTH);
    return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  }

  private status(now: number): string {
    const elapsedMs = now - this.startMs;
    // The first drills include starting the threads: an estimate from them would be wild.
    const settled = this.done >= Math.max(1, this.total / 50);
    const left = settled ? `, about ${formatClock((elapsedMs / this.done) * (this.total - this.done))} left` : '';
    const expected = this.expected > 0 ? ` (${this.expected} as expected)` : '';
    const missed = this.failed > 0 ? `, ${this.failed} missed so far${expected}` : '';
    return `${this.done}/${this.total} drills (${Math.floor((this.done / this.total) * 100)}%)${missed}, ${formatClock(elapsedMs)} elapsed${left}`;
  }

  /** Clears the bar so the summary starts on a clean line. */
  finish(): void {
    if (this.mode === 'bar') this.io.err('\r\u001b[K');
  }
}
