import { Worker } from 'node:worker_threads';
import type { Report } from '../../report/report.js';
import type { DrillRecord } from '../../report/sweep/record.js';
import { runCells, runDetail, isCrash, type DrillCrash, type RunnerData } from './cell.js';
import { sliceLength } from './grid.js';

export type WorkerRequest = { kind: 'cells'; from: number; count: number } | { kind: 'detail'; id: number; caseIndex: number; seed: number };
export type WorkerReply = { kind: 'cells'; from: number; records: DrillRecord[] } | { kind: 'detail'; id: number; report: Report } | { kind: 'crash'; crash: DrillCrash };

/** A drill threw inside a runner: a bug, reported with the drill that reproduces it. */
export class DrillCrashError extends Error {
  constructor(readonly crash: DrillCrash) {
    super(crash.message);
    this.name = 'DrillCrashError';
    this.stack = crash.stack;
  }
}

/** Runs the drills of a slice, delivering their records in slice order whatever order they finish in. */
export interface DrillRunner {
  run(onRecord: (r: DrillRecord) => void): Promise<void>;
  /** Starts no more drills: `run` resolves once the drills already started are delivered. */
  stop(): void;
  /** Full reports (with series) of the given drills, in the order asked. */
  details(drills: readonly { caseIndex: number; seed: number }[]): Promise<Report[]>;
  close(): Promise<void>;
}

/** Drills in the calling thread: for a few drills, where starting a thread costs more than they do. */
export class InlineRunner implements DrillRunner {
  constructor(private readonly data: RunnerData) {}

  async run(onRecord: (r: DrillRecord) => void): Promise<void> {
    const out = runCells(this.data, 0, sliceLength(this.data.slice));
    if (isCrash(out)) throw new DrillCrashError(out);
    for (const r of out) onRecord(r);
  }

  /** A run in the calling thread cannot be interrupted halfway: it is a few drills at most. */
  stop(): void {}

  async details(drills: readonly { caseIndex: number; seed: number }[]): Promise<Report[]> {
    return drills.map((d) => {
      const out = runDetail(this.data, d.caseIndex, d.seed);
      if (isCrash(out)) throw new DrillCrashError(out);
      return out;
    });
  }

  async close(): Promise<void> {}
}

/** Batches small enough to keep every worker busy to the end, large enough to keep messages rare. */
function batchSize(drills: number, workers: number): number {
  return Math.max(1, Math.min(25, Math.ceil(drills / (workers * 16))));
}

/**
 * A drill's garbage is short-lived: a small young generation is swept often and cheaply, where
 * V8's default lets each thread's heap swell by a hundred megabytes between sweeps. The old
 * generation cap is far above what any drill holds; reaching it means a bug, reported as one.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

/**
 * Worker threads, each holding at most two batches so none waits on the main thread. Finished
 * batches wait in a buffer until the ones before them arrive: records leave in slice order, and
 * the buffer never holds more than the batches in flight.
 */
export class WorkerPool implements DrillRunner {
  private readonly workers: Worker[];
  private stopping = false;
  private onStop: (() => void) | undefined;

  constructor(
    private readonly data: RunnerData,
    size: number,
  ) {
    const entry = new URL('./worker-entry.mjs', import.meta.url);
    this.workers = Array.from({ length: Math.max(1, size) }, () => new Worker(entry, { workerData: data, resourceLimits: WORKER_HEAP }));
  }

  run(onRecord: (r: DrillRecord) => void): Promise<void> {
    const total = sliceLength(this.data.slice);
    const batch = batchSize(total, this.workers.length);
    const finished = new Map<number, DrillRecord[]>();
    let sent = 0;
    let delivered = 0;
    const send = (w: Worker): void => {
      if (sent >= total || this.stopping) return;
      const count = Math.min(batch, total - sent);
      w.postMessage({ kind: 'cells', from: sent, count } satisfies WorkerRequest);
      sent += count;
    };
    return this.session((reply, w, done) => {
      this.onStop = () => {
        if (delivered >= sent) done();
      };
      if (reply.kind !== 'cells') return;
      finished.set(reply.from, reply.records);
      for (let next = finished.get(delivered); next; next = finished.get(delivered)) {
        finished.delete(delivered);
        for (const r of next) onRecord(r);
        delivered += next.length;
      }
      if (delivered >= total || (this.stopping && delivered >= sent)) done();
      else send(w);
    }, (w) => {
      send(w);
      send(w);
    }, total === 0);
  }

  stop(): void {
    this.stopping = true;
    this.onStop?.();
  }

  async details(drills: readonly { caseIndex: number; seed: number }[]): Promise<Report[]> {
    const out: Report[] = new Array(drills.length);
    let received = 0;
    await this.session(
      (reply, _w, done) => {
        if (reply.kind !== 'detail') return;
        out[reply.id] = reply.report;
        if (++received === drills.length) done();
      },
      (w, i) => {
        drills.forEach((d, id) => {
          if (id % this.workers.length === i) w.postMessage({ kind: 'detail', id, caseIndex: d.caseIndex, seed: d.seed } satisfies WorkerRequest);
        });
      },
      drills.length === 0,
    );
    return out;
  }

  /** Listens to every worker until `done` is called, failing on a crash or a worker that dies. */
  private session(onReply: (reply: WorkerReply, w: Worker, done: () => void) => void, start: (w: Worker, i: number) => void, empty: boolean): Promise<void> {
    if (empty) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const detach: (() => void)[] = [];
      let over = false;
      const finish = (error?: Error): void => {
        if (over) return;
        over = true;
        for (const d of detach) d();
        if (error) reject(error);
        else resolve();
      };
      for (const w of this.workers) {
        const onMessage = (reply: WorkerReply): void => {
          if (over) return;
          if (reply.kind === 'crash') return finish(new DrillCrashError(reply.crash));
          try {
            onReply(reply, w, () => finish());
          } catch (e) {
            finish(e as Error);
          }
        };
        const onError = (e: Error): void => finish(e);
        const onExit = (code: number): void => finish(new Error(`a drill worker stopped unexpectedly (exit code ${code})`));
        w.on('message', onMessage).on('error', onError).on('exit', onExit);
        detach.push(() => w.off('message', onMessage).off('error', onError).off('exit', onExit));
      }
      this.workers.forEach((w, i) => start(w, i));
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Starting a worker thread costs about half a second (it loads the simulator afresh), as much
 * as a dozen drills: runs this small stay in the calling thread.
 */
export const INLINE_DRILLS = 16;

/** A pool of worker threads for many drills; the calling thread for a few. */
export function drillRunner(data: RunnerData, workers: number): DrillRunner {
  const drills = sliceLength(data.slice);
  return drills <= INLINE_DRILLS ? new InlineRunner(data) : new WorkerPool(data, Math.min(workers, drills));
}
