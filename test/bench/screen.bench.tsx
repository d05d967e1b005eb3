import { render } from 'ink-testing-library';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DrillView } from '../../src/core/snapshot.js';
import { Drill } from '../../src/core/drill.js';
import { Tabletop } from '../../src/drill/tabletop.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { PlayApp } from '../../src/tui/PlayApp.js';
import { completeLine } from '../../src/tui/complete.js';
import { makeTheme } from '../../src/tui/theme.js';
import { median, type BenchResult } from './measure.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ID = 'payment-schema-rollback';
const scenario = loadScenario(readFileSync(join(ROOT, 'scenarios', `${ID}.yaml`), 'utf8'), ID);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One snapshot read of a drill at `atMs`, the median of batches. */
function snapshotMicros(id: string, atMs: number): number {
  const spec = id === ID ? scenario.spec : loadScenario(readFileSync(join(ROOT, 'scenarios', `${id}.yaml`), 'utf8'), id).spec;
  const drill = new Drill(spec, 1);
  const view = new DrillView(drill);
  drill.advance(atMs);
  const batches: number[] = [];
  for (let b = 0; b < 31; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) view.snapshot();
    batches.push(((performance.now() - t0) / 200) * 1000);
  }
  return median(batches.sort((a, b) => a - b));
}

/** One snapshot read, against the simulated second it is read beside; and one with a canary carrying users, each route read beside the system. */
function snapshotCost(): BenchResult[] {
  const one = snapshotMicros(ID, 200_000);
  const routes = snapshotMicros('recommender-canary', 240_000);
  return [
    { name: 'one snapshot of a running drill (what the screen reads each frame)', value: `${one.toFixed(1)} µs median`, target: '< 1,000 µs (1% of a 100 ms frame)', met: one < 1000 },
    { name: 'one snapshot while a canary carries users (every signal per route)', value: `${routes.toFixed(1)} µs median`, target: '< 1,000 µs (1% of a 100 ms frame)', met: routes < 1000 },
  ];
}

async function screen(): Promise<BenchResult[]> {
  const tabletop = new Tabletop({ scenario, seed: 1, mode: 'team', speed: 60 });
  const app = render(
    <PlayApp tabletop={tabletop} theme={makeTheme(true, false)} complete={(l) => completeLine(tabletop.session.drill.world, l)} reference={[]} facilitator={false} finish={() => ({ lines: [] })} />,
  );
  await sleep(50);
  app.stdin.write('\r');
  await sleep(200);
  // Frames while the drill runs at 60x.
  const before = app.frames.length;
  const t0 = performance.now();
  await sleep(3000);
  const fps = (app.frames.length - before) / ((performance.now() - t0) / 1000);
  // Key to frame: the time from a key to the first frame showing it.
  const latencies: number[] = [];
  for (let i = 0; i < 25; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    const expected = `team> ${'x'.repeat(i)}${ch}`;
    const t = performance.now();
    app.stdin.write(ch);
    while (!(app.lastFrame() ?? '').includes(expected)) await sleep(1);
    latencies.push(performance.now() - t);
    app.stdin.write('\u0008');
    app.stdin.write('x');
    await sleep(30);
  }
  const latency = median(latencies.sort((a, b) => a - b));
  // CPU while paused.
  app.stdin.write('\u001b');
  await sleep(30);
  app.stdin.write('p');
  await sleep(200);
  const paused = tabletop.driver.paused;
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  await sleep(2000);
  const cpu = process.cpuUsage(cpu0);
  const cpuPct = ((cpu.user + cpu.system) / 1000 / (performance.now() - w0)) * 100;
  app.unmount();
  tabletop.driver.stop();
  return [
    { name: 'frames drawn per second while a drill runs at 60x', value: `${fps.toFixed(1)} frames/s`, target: '<= 15', met: fps <= 15 },
    { name: 'key to the frame that shows it, in-process', value: `${latency.toFixed(1)} ms median of ${latencies.length}`, target: '< 50 ms', met: latency < 50 },
    { name: 'CPU while the facilitator has paused the drill', value: `${cpuPct.toFixed(2)}% of one core over 2 s${paused ? '' : ' (NOT PAUSED)'}`, target: '< 2%', met: paused && cpuPct < 2 },
  ];
}

export async function screenBench(): Promise<BenchResult[]> {
  return [...snapshotCost(), ...(await screen())];
}
