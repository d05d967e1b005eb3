import { parentPort, workerData } from 'node:worker_threads';
import { adoptHistogram } from '../../core/buckets.js';
import { isCrash, runCells, runDetail } from './cell.js';
import type { WorkerData, WorkerReply, WorkerRequest } from './pool.js';
import { RunningDrills } from './running.js';

// A worker thread of a sweep: runs the batches of drills it is sent, of the cases it was given,
// noting each drill it starts where the main thread can read it should this thread die.
const { runner: data, running: buffer, slot } = workerData as WorkerData;
for (const h of data.histograms) adoptHistogram(h);
const running = new RunningDrills(buffer);
const port = parentPort!;

port.on('message', (m: WorkerRequest) => {
  let reply: WorkerReply;
  if (m.kind === 'cells') {
    const out = runCells(data, m.from, m.count, (caseIndex, seed) => running.set(slot, caseIndex, seed));
    reply = isCrash(out) ? { kind: 'crash', crash: out } : { kind: 'cells', from: m.from, ...out };
  } else {
    running.set(slot, m.caseIndex, m.seed);
    const out = runDetail(data, m.caseIndex, m.seed);
    reply = 'stack' in out ? { kind: 'crash', crash: out } : { kind: 'detail', id: m.id, report: out };
  }
  running.clear(slot);
  port.postMessage(reply);
});
