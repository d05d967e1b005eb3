import { parentPort, workerData } from 'node:worker_threads';
import { runCells, runDetail, type RunnerData } from './cell.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

// A worker thread of a sweep: runs the batches of drills it is sent, of the cases it was given.
const data = workerData as RunnerData;
const port = parentPort!;

port.on('message', (m: WorkerRequest) => {
  let reply: WorkerReply;
  if (m.kind === 'cells') {
    const out = runCells(data, m.from, m.count);
    reply = Array.isArray(out) ? { kind: 'cells', from: m.from, records: out } : { kind: 'crash', crash: out };
  } else {
    const out = runDetail(data, m.caseIndex, m.seed);
    reply = 'stack' in out ? { kind: 'crash', crash: out } : { kind: 'detail', id: m.id, report: out };
  }
  port.postMessage(reply);
});
