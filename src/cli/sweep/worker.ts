import { parentPort, workerData } from 'node:worker_threads';
import { loadCases, runCells, runDetail, type RunnerData } from './cell.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

// A worker thread of a sweep: loads the cases once, then runs the batches of drills it is sent.
const data = workerData as RunnerData;
const cases = loadCases(data.cases);
const port = parentPort!;

port.on('message', (m: WorkerRequest) => {
  let reply: WorkerReply;
  if (m.kind === 'cells') {
    const out = runCells(data, cases, m.from, m.count);
    reply = Array.isArray(out) ? { kind: 'cells', from: m.from, records: out } : { kind: 'crash', crash: out };
  } else {
    const out = runDetail(data, cases, m.caseIndex, m.seed);
    reply = 'stack' in out ? { kind: 'crash', crash: out } : { kind: 'detail', id: m.id, report: out };
  }
  port.postMessage(reply);
});
