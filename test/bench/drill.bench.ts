import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { median, timeRuns, type BenchResult } from './measure.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TARGET_MS = 10;

/**
 * One whole drill of the first incident (code rolled back, database not: 300 requests/s, a 2 h
 * horizon or until recovered), with each of its playbooks, as a run drills it: without chart
 * copies, which only a detailed report keeps (the cost of those is shown beside it). The naive
 * playbook never recovers, so it simulates the whole 2 hours: 7,200 seconds of traffic, 200
 * crash-looping pods.
 */
export function drillBench(): BenchResult[] {
  const id = 'payment-schema-rollback';
  const scenario = loadScenario(readFileSync(join(ROOT, 'scenarios', `${id}.yaml`), 'utf8'), id);
  return (['naive', 'reference'] as const).map((kind) => {
    const name = scenario.meta.playbooks[kind];
    const playbook = loadPlaybook(readFileSync(join(ROOT, 'scenarios', 'playbooks', `${name}.yaml`), 'utf8'), name);
    let simulatedS = 0;
    const time = (charts: boolean): number[] => {
      let seed = 0;
      return timeRuns(() => {
        const { session } = drillPlaybook(scenario, playbook, ++seed, undefined, [], { charts });
        simulatedS = session.now / 1000;
      }, 41, 5);
    };
    const runs = time(false);
    const charted = time(true);
    const ms = median(runs);
    const chartsMs = median(charted);
    return {
      name: `one drill of ${id} with ${name} (${kind})`,
      value: `${ms.toFixed(2)} ms CPU median of ${runs.length} (${Math.round(simulatedS)} s simulated, ${((ms * 1000) / simulatedS).toFixed(2)} µs per simulated second; p90 ${runs[Math.floor(runs.length * 0.9)]!.toFixed(2)} ms)`,
      target: `< ${TARGET_MS} ms median`,
      met: ms < TARGET_MS,
      detail: `with chart copies, as a detailed report's drill: ${chartsMs.toFixed(2)} ms CPU median (${((chartsMs * 1000) / simulatedS).toFixed(2)} µs per simulated second)`,
    };
  });
}
