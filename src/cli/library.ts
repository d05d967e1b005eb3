import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unknownName } from '../core/names.js';
import { loadCurriculum, type Curriculum } from '../formats/curriculum.js';
import { loadPlaybook, type Playbook } from '../formats/playbook.js';
import { loadScenario, type Scenario } from '../formats/scenario.js';
import { meantAsFile, readInput, yamlFilesIn } from './files.js';
import { UsageError } from './io.js';

/** The package's own folder: where the built-in scenarios live. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCENARIO_DIR = join(PACKAGE_ROOT, 'scenarios');
export const PLAYBOOK_DIR = join(SCENARIO_DIR, 'playbooks');
/** In a folder of its own, so that `run scenarios/` never takes it for a scenario. */
export const CURRICULUM_FILE = join(SCENARIO_DIR, 'training', 'curriculum.yaml');

export function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export function scenarioFromFile(path: string): Scenario {
  return loadScenario(readInput(path), path);
}

export function playbookFromFile(path: string): Playbook {
  return loadPlaybook(readInput(path), path);
}

/** The built-in library, in file-name order. */
export function builtinScenarios(): Scenario[] {
  return yamlFilesIn(SCENARIO_DIR).map(scenarioFromFile);
}

/** Ids of the built-in scenarios: their file names, as `firedrill run ID` resolves them. */
export function builtinScenarioIds(): string[] {
  return yamlFilesIn(SCENARIO_DIR).map((f) => basename(f, '.yaml'));
}

/** A curriculum file, checked against the built-in library: every id known, every scenario placed or left out. */
export function curriculumFromFile(path: string): Curriculum {
  return loadCurriculum(readInput(path), path, builtinScenarioIds());
}

/** A scenario named by path, or by the id of a built-in one. */
export function resolveScenario(arg: string): Scenario {
  if (existsSync(arg) || meantAsFile(arg)) return scenarioFromFile(arg);
  const file = join(SCENARIO_DIR, `${arg}.yaml`);
  if (existsSync(file)) return scenarioFromFile(file);
  throw new UsageError(`${unknownName('scenario', arg, builtinScenarioIds())} (give a file path or a built-in scenario id; see firedrill list)`);
}

/** A playbook named by path, or by the name of a built-in one. */
export function resolvePlaybook(arg: string): Playbook {
  if (existsSync(arg) || meantAsFile(arg)) return playbookFromFile(arg);
  const file = join(PLAYBOOK_DIR, `${arg}.yaml`);
  if (existsSync(file)) return playbookFromFile(file);
  const names = yamlFilesIn(PLAYBOOK_DIR).map((f) => basename(f, '.yaml'));
  throw new UsageError(`${unknownName('playbook', arg, names)} (give a file path or a built-in playbook name)`);
}
