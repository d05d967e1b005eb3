import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drillPlaybook } from '../src/drill/playbook-runner.js';
import { loadPlaybook, type Playbook } from '../src/formats/playbook.js';
import { loadScenario, type Scenario } from '../src/formats/scenario.js';
import { buildReport, reportJson, type Report } from '../src/report/report.js';

export const ROOT = join(import.meta.dirname, '..');
export const SCENARIOS = join(ROOT, 'scenarios');
/** The built command, as installed: the test run builds it first (test/build-dist.ts). */
export const BIN = join(ROOT, 'dist', 'firedrill.js');

const scenarios = new Map<string, Scenario>();
const playbooks = new Map<string, Playbook>();

export function scenario(id: string): Scenario {
  let s = scenarios.get(id);
  if (!s) scenarios.set(id, (s = loadScenario(readFileSync(join(SCENARIOS, `${id}.yaml`), 'utf8'), `scenarios/${id}.yaml`)));
  return s;
}

export function playbook(name: string): Playbook {
  let p = playbooks.get(name);
  if (!p) playbooks.set(name, (p = loadPlaybook(readFileSync(join(SCENARIOS, 'playbooks', `${name}.yaml`), 'utf8'), `scenarios/playbooks/${name}.yaml`)));
  return p;
}

/** Runs a built-in scenario against a built-in playbook and returns the full report. */
export function drill(id: string, playbookName: string, seed: number): Report {
  const s = scenario(id);
  const p = playbook(playbookName);
  const { session, run } = drillPlaybook(s, p, seed);
  return buildReport(session, { firedrill: 'test', scenario: s, playbook: p, run });
}

export function json(report: Report): string {
  return reportJson(report);
}

export const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
