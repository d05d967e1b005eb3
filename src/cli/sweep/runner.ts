import type { Report } from '../../report/report.js';
import type { DrillRecord } from '../../report/sweep/record.js';
import { isCrash, runCells, runDetail, type DrillCrash, type RunnerData } from './cell.js';
import { sliceLength } from './grid.js';

/** A drill threw inside a runner: a bug, reported with the drill that reproduces it. */
export class DrillCrashError extends Error {
  constructor(readonly crash: DrillCrash) {
    super(crash.message);
    this.name = 'DrillCrashError';
    this.stack = crash.stack;
  }
}

/** A drill's record and the wall time it took in its thread, heard as soon as it finishes, in any order. */
export type OnCost = (r: DrillRecord, costMs: number) => void;

/**
 * Runs the drills of a slice, delivering their records in slice order whatever order they finish
 * in; `onCost` hears of each as soon as it finishes (ahead of its turn, for the time left).
 */
export interface DrillRunner {
  run(onRecord: (r: DrillRecord) => void, onCost?: OnCost): Promise<void>;
  /**
   * Starts no more drills: `run` resolves once the drills already started are delivered, or
   * once the wait for them runs out (those still running are then abandoned).
   */
  stop(): void;
  /** Drills that were still running when `run` stopped waiting for them. */
  readonly abandoned: number;
  /** Full reports (with series) of the given drills, in the order asked. */
  details(drills: readonly { caseIndex: number; seed: number }[]): Promise<Report[]>;
  close(): Promise<void>;
}

/**
 * Drills in the calling thread: for a few drills, where starting a thread costs more than they
 * do. Between two drills it lets signals through, so a stop takes effect after the drill running.
 */
export class InlineRunner implements DrillRunner {
  private stopping = false;
  readonly abandoned = 0;

  constructor(private readonly data: RunnerData) {}

  async run(onRecord: (r: DrillRecord) => void, onCost?: OnCost): Promise<void> {
    const total = sliceLength(this.data.slice);
    for (let pos = 0; pos < total && !this.stopping; pos++) {
      const out = runCells(this.data, pos, 1);
      if (isCrash(out)) throw new DrillCrashError(out);
      out.records.forEach((r, i) => {
        onCost?.(r, out.costsMs[i]!);
        onRecord(r);
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  stop(): void {
    this.stopping = true;
  }

  async details(drills: readonly { caseIndex: number; seed: number }[]): Promise<Report[]> {
    return drills.map((d) => {
      const out = runDetail(this.data, d.caseIndex, d.seed);
      if (isCrash(out)) throw new DrillCrashError(out);
      return out;
    });
  }

  async close(): Promise<void> {}
}
