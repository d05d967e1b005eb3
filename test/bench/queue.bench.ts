import { EventQueue } from '../../src/core/queue.js';
import { Rng } from '../../src/core/random.js';
import { median, timeRuns, type BenchResult } from './measure.js';

const ACTORS = 100;
const EVENTS = 1_000_000;

/**
 * The classic discrete-event workload (SimPy's): 100 actors, each waiting an exponentially
 * distributed time (mean 1 s), then scheduling its next wake-up, for 1,000,000 events.
 */
function workload(): number {
  const rng = new Rng('queue-bench');
  const q = new EventQueue<number>(ACTORS * 2);
  for (let a = 0; a < ACTORS; a++) q.push(Math.round(rng.exponential(1000)), a);
  let last = 0;
  for (let i = 0; i < EVENTS; i++) {
    const now = q.peekTime();
    const actor = q.pop()!;
    q.push(now + Math.round(rng.exponential(1000)), actor);
    last = now;
  }
  return last;
}

export function queueBench(): BenchResult {
  const runs = timeRuns(workload, 9, 2);
  const eventsPerS = EVENTS / (median(runs) / 1000);
  return {
    name: 'event queue: 100 actors, exponential timeouts, 1,000,000 events',
    value: `${(eventsPerS / 1e6).toFixed(2)} M events/s (median of ${runs.length}, ${median(runs).toFixed(1)} ms per million)`,
    target: '>= 7.5 M events/s',
    met: eventsPerS >= 7_500_000,
  };
}
