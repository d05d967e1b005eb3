import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { median, timeRuns, type BenchResult } from './measure.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A simulated day may cost at most this much CPU: data-loss drills run for hours or days to show their restores end. */
const DAY_TARGET_MS = 400;

/**
 * The data-loss drills that run until their data is back: terraform-destroy's reference waits
 * a day for the provider's snapshot (about 25 hours simulated), token-deletes-volume's naive
 * playbook never rebuilds the bookings and runs its whole 3-day horizon.
 */
export function longDrillBench(): BenchResult[] {
  const cases: [string, 'naive' | 'reference'][] = [
    ['terraform-destroy', 'reference'],
    ['token-deletes-volume', 'naive'],
  ];
  return cases.map(([id, kind]) => {
    const scenario = loadScenario(readFileSync(join(ROOT, 'scenarios', `${id}.yaml`), 'utf8'), id);
    const name = scenario.meta.playbooks[kind];
    const playbook = loadPlaybook(readFileSync(join(ROOT, 'scenarios', 'playbooks', `${name}.yaml`), 'utf8'), name);
    let seed = 0;
    let simulatedS = 0;
    const runs = timeRuns(() => {
      const { session } = drillPlaybook(scenario, playbook, ++seed);
      simulatedS = session.now / 1000;
    }, 9, 1);
    const ms = median(runs);
    const perDayMs = (ms * 86_400) / simulatedS;
    return {
      name: `one drill of ${id} with ${name} (${kind}), ${(simulatedS / 3600).toFixed(1)} h simulated`,
      value: `${ms.toFixed(0)} ms CPU median of ${runs.length} (${perDayMs.toFixed(0)} ms per simulated day)`,
      target: `< ${DAY_TARGET_MS} ms per simulated day`,
      met: perDayMs < DAY_TARGET_MS,
    };
  });
}
