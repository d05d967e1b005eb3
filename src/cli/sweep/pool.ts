import { Worker } from 'node:worker_threads';
import type { Report } from '../../report/report.js';
import type { DrillRecord } from '../../report/sweep/record.js';
import type { CellsRun, DrillCrash, RunnerData } from './cell.js';
import { sliceLength } from './grid.js';
import { DrillCrashError, InlineRunner, type DrillRunner, type OnCost } from './runner.js';
import { RunningDrills } from './running.js';

export { DrillCrashError, type DrillRunner } from './runner.js';

export type WorkerRequest = { kind: 'cells'; from: number; count: number } | { kind: 'detail'; id: number; caseIndex: number; seed: number };
export type WorkerReply = ({ kind: 'cells'; from: number } & CellsRun) | { kind: 'detail'; id: number; report: Report } | { kind: 'crash'; crash: DrillCrash };

/** What each worker thread is given: the drills, and its slot in the shared record of running drills. */
export interface WorkerData {
  runner: RunnerData;
  running: SharedArrayBuffer;
  slot: number;
}

/**
 * Compiled, a worker runs the JavaScript beside this file. From the TypeScript sources (as the
 * tests load them), a small entry registers a TypeScript loader in the new thread first.
 */
export const WORKER_ENTRY = new URL(import.meta.url.endsWith('.ts') ? './worker-entry.mjs' : './worker.js', import.meta.url);

/**
 * After a stop (the first Ctrl-C), how long the drills already running may take to finish, in
 * wall time. A drill is bounded by its horizon, but a 30-day one can take a while: past this,
 * the run stops waiting, abandons them, and reports the drills that finished.
 */
export const STOP_GRACE_MS = 10_000;

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

type Listen = { onReply: (reply: WorkerReply, w: Worker, done: () => void) => void; start: (w: Worker, i: number) => void; begin?: (done: () => void) => () => void };

/**
 * Worker threads, each holding at most two batches so none waits on the main thread. Finished
 * batches wait in a buffer until the ones before them arrive: records leave in slice order, and
 * the buffer never holds more than the batches in flight.
 */
export class WorkerPool implements DrillRunner {
  private readonly workers: Worker[];
  private readonly running: RunningDrills;
  private stopping = false;
  private closing = false;
  private onStop: (() => void) | undefined;
  /** The first failure of a worker; whatever session is listening ends with it. */
  private failure: Error | undefined;
  private onFailure: ((e: Error) => void) | undefined;
  abandoned = 0;

  constructor(
    private readonly data: RunnerData,
    size: number,
    entry: URL = WORKER_ENTRY,
    private readonly graceMs = STOP_GRACE_MS,
  ) {
    const count = Math.max(1, size);
    this.running = RunningDrills.create(count);
    this.workers = Array.from({ length: count }, (_, slot) => {
      const w = new Worker(entry, { workerData: { runner: data, running: this.running.buffer, slot } satisfies WorkerData, resourceLimits: WORKER_HEAP });
      // Listened to for the pool's whole life, not per session: a second worker dying while the
      // first is being reported must not become an unhandled error.
      w.on('error', (e) => this.fail(slot, e));
      w.on('exit', (code) => {
        if (!this.closing) this.fail(slot, new Error(`it exited with code ${code}`));
      });
      return w;
    });
  }

  /** A worker died: names the drill it was running (from the shared record), or says it was idle. */
  private fail(slot: number, e: Error): void {
    if (!this.failure) {
      const drill = this.running.get(slot);
      this.failure = drill
        ? new DrillCrashError({ ...drill, message: `the worker thread running it stopped: ${e.message}`, stack: e.stack ?? e.message })
        : new Error(`a drill worker stopped unexpectedly while idle: ${e.message}`);
    }
    this.onFailure?.(this.failure);
  }

  run(onRecord: (r: DrillRecord) => void, onCost?: OnCost): Promise<void> {
    const total = sliceLength(this.data.slice);
    const batch = batchSize(total, this.workers.length);
    const finished = new Map<number, DrillRecord[]>();
    const deliver = (records: readonly DrillRecord[]): void => {
      for (const r of records) onRecord(r);
      delivered += records.length;
    };
    let sent = 0;
    let delivered = 0;
    const send = (w: Worker): void => {
      if (sent >= total || this.stopping) return;
      const count = Math.min(batch, total - sent);
      w.postMessage({ kind: 'cells', from: sent, count } satisfies WorkerRequest);
      sent += count;
    };
    // The wait after a stop ran out: deliver what finished after the gap, still in slice order.
    const abandon = (): void => {
      for (const from of [...finished.keys()].sort((a, b) => a - b)) deliver(finished.get(from)!);
      finished.clear();
      this.abandoned = sent - delivered;
    };
    return this.session(total === 0, {
      onReply: (reply, w, done) => {
        if (reply.kind !== 'cells') return;
        reply.records.forEach((r, i) => onCost?.(r, reply.costsMs[i]!));
        finished.set(reply.from, reply.records);
        for (let next = finished.get(delivered); next; next = finished.get(delivered)) {
          finished.delete(delivered);
          deliver(next);
        }
        if (delivered >= total || (this.stopping && delivered >= sent)) done();
        else send(w);
      },
      start: (w) => {
        send(w);
        send(w);
      },
      begin: (done) => {
        let timer: NodeJS.Timeout | undefined;
        this.onStop = () => {
          if (delivered >= sent) return done();
          timer ??= setTimeout(() => {
            abandon();
            done();
          }, this.graceMs);
        };
        if (this.stopping) this.onStop();
        return () => {
          clearTimeout(timer);
          this.onStop = undefined;
        };
      },
    });
  }

  stop(): void {
    this.stopping = true;
    this.onStop?.();
  }

  async details(drills: readonly { caseIndex: number; seed: number }[]): Promise<Report[]> {
    const out: Report[] = new Array(drills.length);
    let received = 0;
    await this.session(drills.length === 0, {
      onReply: (reply, _w, done) => {
        if (reply.kind !== 'detail') return;
        out[reply.id] = reply.report;
        if (++received === drills.length) done();
      },
      start: (w, i) => {
        drills.forEach((d, id) => {
          if (id % this.workers.length === i) w.postMessage({ kind: 'detail', id, caseIndex: d.caseIndex, seed: d.seed } satisfies WorkerRequest);
        });
      },
    });
    return out;
  }

  /** Listens to every worker until `done` is called, failing on a crash or a worker that dies. */
  private session(empty: boolean, listen: Listen): Promise<void> {
    if (empty) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const detach: (() => void)[] = [];
      let over = false;
      const finish = (error?: Error): void => {
        if (over) return;
        over = true;
        this.onFailure = undefined;
        for (const d of detach) d();
        if (error) reject(error);
        else resolve();
      };
      this.onFailure = finish;
      for (const w of this.workers) {
        const onMessage = (reply: WorkerReply): void => {
          if (over) return;
          if (reply.kind === 'crash') return finish(new DrillCrashError(reply.crash));
          try {
            listen.onReply(reply, w, () => finish());
          } catch (e) {
            finish(e as Error);
          }
        };
        w.on('message', onMessage);
        detach.push(() => w.off('message', onMessage));
      }
      if (listen.begin) detach.push(listen.begin(() => finish()));
      if (!over) this.workers.forEach((w, i) => listen.start(w, i));
    });
  }

  async close(): Promise<void> {
    this.closing = true;
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
