import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { buildReport, reportJson } from '../../src/report/report.js';
import { cpuMs, median } from './measure.js';
import { firstIncidentPlaybook, variantScenario, type Kind, type Variant } from './variants.js';

/**
 * Drills one variant of the first incident in a process of its own, then prints one line of
 * JSON: the CPU time of the first drill (what a fresh process or worker pays, once-only work
 * included), the median of the drills after it, and the process's peak resident memory
 * (typed arrays live outside the V8 heap, so only the RSS tells what a drill really holds).
 * With `report`, each drill keeps chart copies and builds its full report with them, as the
 * detailed report of a `run` that writes HTML or JSON does.
 *
 * argv: VARIANT_JSON KIND RUNS [report]
 */
const variant = JSON.parse(process.argv[2]!) as Variant;
const kind = process.argv[3] as Kind;
const runs = Number(process.argv[4]);
const report = process.argv[5] === 'report';

const scenario = variantScenario(variant);
const playbook = firstIncidentPlaybook(kind);
const times: number[] = [];
let simulatedS = 0;
let reportError: string | null = null;
for (let seed = 1; seed <= runs; seed++) {
  const t0 = cpuMs();
  const { session, run } = drillPlaybook(scenario, playbook, seed, undefined, [], { charts: report });
  try {
    if (report) reportJson(buildReport(session, { firedrill: 'bench', scenario, playbook, run, series: true }));
  } catch (e) {
    reportError = e instanceof Error ? e.message : String(e);
  }
  times.push(cpuMs() - t0);
  simulatedS = session.now / 1000;
}
const [firstMs, ...later] = times;
const laterMs = later.length > 0 ? median(later.sort((a, b) => a - b)) : null;
process.stdout.write(`${JSON.stringify({ firstMs, laterMs, simulatedS, maxRssMb: process.resourceUsage().maxRSS / 1024, reportError })}\n`);
