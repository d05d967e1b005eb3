import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { median, timeRuns, type BenchResult } from './measure.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * One whole drill of the first incident (code rolled back, database not: 300 requests/s, a 2 h
 * horizon or until recovered), with each of its playbooks. The naive one never recovers, so it
 * simulates the whole 2 hours: 7,200 seconds of traffic, 200 crash-looping pods.
 */
export function drillBench(): BenchResult[] {
  const id = 'payment-schema-rollback';
  const scenario = loadScenario(readFileSync(join(ROOT, 'scenarios', `${id}.yaml`), 'utf8'), id);
  return (['naive', 'reference'] as const).map((kind) => {
    const name = scenario.meta.playbooks[kind];
    const playbook = loadPlaybook(readFileSync(join(ROOT, 'scenarios', 'playbooks', `${name}.yaml`), 'utf8'), name);
    let seed = 0;
    let simulatedS = 0;
    const runs = timeRuns(() => {
      const { session } = drillPlaybook(scenario, playbook, ++seed);
      simulatedS = session.now / 1000;
    }, 41, 5);
    const ms = median(runs);
    return {
      name: `one drill of ${id} with ${name} (${kind})`,
      value: `${ms.toFixed(2)} ms CPU median of ${runs.length} (${Math.round(simulatedS)} s simulated, ${((ms * 1000) / simulatedS).toFixed(2)} µs per simulated second; p90 ${runs[Math.floor(runs.length * 0.9)]!.toFixed(2)} ms)`,
      target: '< 20 ms median',
      met: ms < 20,
    };
  });
}
