import { formatClock } from '../../core/monitors.js';
import type { Io } from '../io.js';

const FRAME_MS = 100;
const BAR_WIDTH = 28;

/**
 * A progress bar on stderr, redrawn at most ten times a second, and only when stderr is a
 * terminal: in CI logs nothing is animated and nothing is printed until the summary.
 */
export class Progress {
  private done = 0;
  private failed = 0;
  private lastDrawMs = 0;
  private readonly startMs = Date.now();
  private readonly live: boolean;

  constructor(
    private readonly io: Io,
    private readonly total: number,
    private readonly label: string,
  ) {
    this.live = io.errTTY && total > 1;
  }

  tick(passed: boolean): void {
    this.done++;
    if (!passed) this.failed++;
    if (!this.live) return;
    const now = Date.now();
    if (now - this.lastDrawMs < FRAME_MS && this.done < this.total) return;
    this.lastDrawMs = now;
    this.draw(now);
  }

  private draw(now: number): void {
    const share = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(share * BAR_WIDTH);
    const elapsedMs = now - this.startMs;
    // The first drills include starting the threads: an estimate from them would be wild.
    const settled = this.done >= Math.max(1, this.total / 50);
    const left = settled ? `, ${formatClock((elapsedMs / this.done) * (this.total - this.done))} left` : '';
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const failed = this.failed > 0 ? `, ${this.failed} missed` : '';
    this.io.err(`\r\u001b[K${this.label} ${bar} ${this.done}/${this.total} drills${failed}  ${formatClock(elapsedMs)} elapsed${left}`);
  }

  /** Clears the bar so the summary starts on a clean line. */
  finish(): void {
    if (this.live) this.io.err('\r\u001b[K');
  }
}
