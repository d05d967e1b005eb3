import { badInputBench } from './bad-input.bench.js';
import { drillBench } from './drill.bench.js';
import { facilitatorBench } from './facilitator.bench.js';
import { longDrillBench } from './long-drill.bench.js';
import type { BenchResult } from './measure.js';
import { queueBench } from './queue.bench.js';
import { podsCurve, routesCurve, usersCurve } from './scale.bench.js';
import { screenBench } from './screen.bench.js';
import { startBench } from './start.bench.js';
import { sweepBench } from './sweep.bench.js';

/**
 * `npm run bench`: measures the speed goals and says which are met. Exit 1 when one is missed.
 * `npm run bench -- pods routes` runs only the groups named (start, queue, drill, long, pods, routes,
 * users, screen, sweep, facilitator, input). `start` times whole-process cold starts of the built
 * command (npm run bench builds it first). The pods, routes and users groups are growth curves of the first
 * incident with one dimension varied, naive and reference playbooks alike, each measured in the
 * same run.
 */
const groups: Record<string, () => BenchResult[] | Promise<BenchResult[]>> = {
  start: startBench,
  queue: () => [queueBench()],
  drill: drillBench,
  long: longDrillBench,
  pods: podsCurve,
  routes: routesCurve,
  users: usersCurve,
  screen: screenBench,
  sweep: sweepBench,
  facilitator: facilitatorBench,
  input: async () => [await badInputBench()],
};
const asked = process.argv.slice(2);
const unknown = asked.filter((g) => !(g in groups));
if (unknown.length > 0) {
  console.error(`unknown bench group ${unknown.join(', ')}; the groups are ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
const show = (r: BenchResult): void => {
  results.push(r);
  console.log(`${r.met ? 'met   ' : 'MISSED'}  ${r.name}\n        ${r.value}   target ${r.target}${r.detail ? `\n        ${r.detail}` : ''}`);
};

console.log(`node ${process.version}, ${process.platform} ${process.arch}; drill times are CPU time (user + system) of the process\n`);
for (const [name, run] of Object.entries(groups)) if (asked.length === 0 || asked.includes(name)) for (const r of await run()) show(r);
process.exitCode = results.every((r) => r.met) ? 0 : 1;
