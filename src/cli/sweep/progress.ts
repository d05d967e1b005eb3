import { formatClock } from '../../core/monitors.js';
import type { Io } from '../io.js';

const FRAME_MS = 100;
const BAR_WIDTH = 28;
/** Off a terminal: a line at each tenth of a sweep of LONG_SWEEP drills or more, and after HEARTBEAT_MS without one. */
const STEPS = 10;
export const LONG_SWEEP = 1_000;
const HEARTBEAT_MS = 10_000;
/** A bar narrower than this says nothing: below it, the line goes without one. */
const MIN_BAR_WIDTH = 6;

/** What a progress line says, piece by piece, each beginning with its separator but the first. */
export interface Status {
  count: string;
  percent: string;
  missed: string;
  elapsed: string;
  left: string;
}

/**
 * The bar's line, never reaching the terminal's last column: a line that wraps leaves `\r`
 * redrawing only its second row, and a new line per redraw. The bar says the share done, so its
 * line leaves the percentage out; where the line is too long, the elapsed time goes, then the bar
 * shrinks, then it goes (and the percentage comes back), then the time left and the misses, and
 * only then are words cut.
 */
export function barLine(label: string, share: number, s: Status, columns = 80): string {
  const room = columns - 1;
  for (const words of [`${s.count}${s.missed}${s.elapsed}${s.left}`, `${s.count}${s.missed}${s.left}`]) {
    const width = Math.min(BAR_WIDTH, room - label.length - words.length - 2);
    if (width < MIN_BAR_WIDTH) continue;
    const filled = Math.round(share * width);
    return `${label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${words}`;
  }
  const plain = [`${s.count}${s.percent}${s.missed}${s.left}`, `${s.count}${s.percent}${s.missed}`, `${s.count}${s.percent}`].map((words) => `${label} ${words}`);
  return plain.find((line) => line.length <= room) ?? plain.at(-1)!.slice(0, Math.max(0, room));
}

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

  /**
   * `leftMs` estimates the wall time left from the time elapsed (see TimeLeft); without it,
   * every drill left is taken to cost what the drills done cost on average.
   */
  constructor(
    private readonly io: Io,
    private readonly total: number,
    private readonly label: string,
    private readonly clock: () => number = Date.now,
    private readonly leftMs: (elapsedMs: number) => number | undefined = (elapsedMs) => (elapsedMs / this.done) * (this.total - this.done),
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
      this.io.err(`\r\u001b[K${barLine(this.label, this.done / this.total, this.status(now), this.io.errColumns)}`);
      return;
    }
    const step = Math.floor((this.done / this.total) * STEPS);
    const stepped = this.total >= LONG_SWEEP && step > this.lastStep;
    if (this.done === this.total || (!stepped && now - this.lastDrawMs < HEARTBEAT_MS)) return;
    this.lastStep = step;
    this.lastDrawMs = now;
    const s = this.status(now);
    this.io.err(`${this.label}: ${s.count}${s.percent}${s.missed}${s.elapsed}${s.left}\n`);
  }

  private status(now: number): Status {
    const elapsedMs = now - this.startMs;
    // The first drills include starting the threads: an estimate from them would be wild.
    const settled = this.done >= Math.max(1, this.total / 50);
    const leftMs = settled ? this.leftMs(elapsedMs) : undefined;
    const left = leftMs === undefined ? '' : `, about ${formatClock(leftMs)} left`;
    const expected = this.expected > 0 ? ` (${this.expected} as expected)` : '';
    const missed = this.failed > 0 ? `, ${this.failed} missed so far${expected}` : '';
    return { count: `${this.done}/${this.total} drills`, percent: ` (${Math.floor((this.done / this.total) * 100)}%)`, missed, elapsed: `, ${formatClock(elapsedMs)} elapsed`, left };
  }

  /** Clears the bar so the summary starts on a clean line. */
  finish(): void {
    if (this.mode === 'bar') this.io.err('\r\u001b[K');
  }
}
