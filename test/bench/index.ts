import { badInputBench } from './bad-input.bench.js';
import { drillBench } from './drill.bench.js';
import { facilitatorBench } from './facilitator.bench.js';
import type { BenchResult } from './measure.js';
import { queueBench } from './queue.bench.js';
import { screenBench } from './screen.bench.js';
import { sweepBench } from './sweep.bench.js';

/** `npm run bench`: measures the speed goals and says which are met. Exit 1 when one is missed. */
const results: BenchResult[] = [];
const show = (r: BenchResult): void => {
  results.push(r);
  console.log(`${r.met ? 'met   ' : 'MISSED'}  ${r.name}\n        ${r.value}   target ${r.target}${r.detail ? `\n        ${r.detail}` : ''}`);
};

console.log(`node ${process.version}, ${process.platform} ${process.arch}\n`);
show(queueBench());
for (const r of drillBench()) show(r);
for (const r of await screenBench()) show(r);
for (const r of sweepBench()) show(r);
for (const r of await facilitatorBench()) show(r);
show(await badInputBench());
process.exitCode = results.every((r) => r.met) ? 0 : 1;
