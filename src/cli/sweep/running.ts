/**
 * Which drill each worker thread is running, in memory the main thread shares: a worker that
 * dies (out of memory, say) cannot say which drill killed it, and this can.
 */
export class RunningDrills {
  private readonly cells: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.cells = new Float64Array(buffer);
  }

  static create(workers: number): RunningDrills {
    const running = new RunningDrills(new SharedArrayBuffer(workers * 2 * Float64Array.BYTES_PER_ELEMENT));
    running.cells.fill(Number.NaN);
    return running;
  }

  set(slot: number, caseIndex: number, seed: number): void {
    this.cells[2 * slot] = caseIndex;
    this.cells[2 * slot + 1] = seed;
  }

  clear(slot: number): void {
    this.set(slot, Number.NaN, Number.NaN);
  }

  /** The drill the worker in `slot` was running, if any. */
  get(slot: number): { caseIndex: number; seed: number } | undefined {
    const caseIndex = this.cells[2 * slot]!;
    return Number.isNaN(caseIndex) ? undefined : { caseIndex, seed: this.cells[2 * slot + 1]! };
  }
}
