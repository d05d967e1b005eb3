import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attach } from '../../src/cli/facilitator-client.js';
import { FacilitatorServer, SERVER_LIMITS } from '../../src/cli/facilitator-server.js';
import { ensureRuntimeFolder, playSocketPath } from '../../src/cli/runtime-folder.js';
import { facilitatorState, type Control } from '../../src/drill/facilitator-protocol.js';
import { Tabletop } from '../../src/drill/tabletop.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { median, timeRuns, type BenchResult } from './measure.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RUN_MS = 3000;

/**
 * The facilitator's line to a running play, on the real clock: what one push of the state
 * costs the play, how many pushes a running drill makes, and how long a control takes from
 * the facilitator's key to the play's answer.
 */
export async function facilitatorBench(): Promise<BenchResult[]> {
  const id = 'latency-spike';
  const scenario = loadScenario(readFileSync(join(ROOT, 'scenarios', `${id}.yaml`), 'utf8'), id);
  const tabletop = new Tabletop({ scenario, seed: 1, mode: 'team', speed: 60 });
  const folder = join(mkdtempSync(join(tmpdir(), 'firedrill-bench-')), 'firedrill');
  ensureRuntimeFolder(folder);
  const server = await FacilitatorServer.listen({ tabletop, reference: ['3:06 switch stable blue'], socketPath: playSocketPath(folder, process.pid) });
  const channel = await attach(server.socketPath);
  const arrivals: number[] = [];
  let answered: (() => void) | undefined;
  channel.subscribe((m) => {
    if (m.type === 'state') arrivals.push(performance.now());
    if (m.type === 'reply' || m.type === 'error') answered?.();
  });
  tabletop.driver.start();
  await new Promise((resolve) => setTimeout(resolve, RUN_MS));
  // The first state is the one every screen gets as it attaches; the throttle governs the rest.
  const pushes = arrivals.slice(1);
  const gaps = pushes.slice(1).map((t, i) => t - pushes[i]!);
  const minGapMs = Math.min(...gaps);
  const perS = pushes.length / (RUN_MS / 1000);

  const pushMs = median(timeRuns(() => void JSON.stringify(facilitatorState(tabletop, [])), 200, 20));

  // Spaced out to stay inside the play's limit on controls a second, as a person's keys are.
  const roundTrips: number[] = [];
  for (let i = 0; i < 60; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000 / SERVER_LIMITS.messagesPerS + 5));
    const control: Control = { speed: i % 2 === 0 ? -1 : 1 };
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      answered = resolve;
      channel.send(control);
    });
    roundTrips.push(performance.now() - t0);
  }
  roundTrips.sort((a, b) => a - b);
  channel.close();
  tabletop.driver.stop();
  await server.close('bench over');
  const trip = median(roundTrips);
  return [
    {
      name: 'facilitator state pushes while a drill runs at 60x',
      value: `${pushes.length} in ${RUN_MS / 1000} s (${perS.toFixed(1)} a second), shortest gap ${minGapMs.toFixed(0)} ms`,
      // Arrival times carry the socket's jitter, hence a little under 250 ms.
      target: `at most 4 a second: gaps >= ${SERVER_LIMITS.pushIntervalMs - 10} ms as they arrive`,
      met: minGapMs >= SERVER_LIMITS.pushIntervalMs - 10,
    },
    { name: 'one facilitator state, built and serialized (the cost of a push to the play)', value: `${pushMs.toFixed(3)} ms median`, target: '< 2 ms', met: pushMs < 2 },
    {
      name: 'a facilitator control, from sending to its reply, over the socket',
      value: `${trip.toFixed(2)} ms median of ${roundTrips.length} (p90 ${roundTrips[Math.floor(roundTrips.length * 0.9)]!.toFixed(2)} ms)`,
      target: '< 20 ms median',
      met: trip < 20,
    },
  ];
}
