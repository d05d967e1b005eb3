import { existsSync, lstatSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unknownName } from '../core/names.js';
import { loadCurriculum, type Curriculum } from '../formats/curriculum.js';
import { byHand, loadPlaybook, splitExecutor, type Playbook } from '../formats/playbook.js';
import { loadScenario, type Scenario } from '../formats/scenario.js';
import { InputError } from '../formats/source.js';
import { meantAsFile, readInput, yamlFilesIn } from './files.js';
import { UsageError } from './io.js';
import { SCENARIO_DIR } from './package.js';
import { filesExist, loadPlaybookArg, missingFile } from './playbook-arg.js';

export { PACKAGE_ROOT, SCENARIO_DIR, version } from './package.js';

export const PLAYBOOK_DIR = join(SCENARIO_DIR, 'playbooks');
/** In a folder of its own, so that `run scenarios/` never takes it for a scenario. */
export const CURRICULUM_FILE = join(SCENARIO_DIR, 'training', 'curriculum.yaml');

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

/** Names of the built-in playbooks: their file names. */
export function builtinPlaybookNames(): string[] {
  return yamlFilesIn(PLAYBOOK_DIR).map((f) => basename(f, '.yaml'));
}

/**
 * A name given as a file (see meantAsFile) that cannot be read: a link that leads nowhere says
 * so; a file that is not there is said to be missing, and, as the name may have been meant as
 * a built-in one, which built-in it is not either.
 */
export function refuseMissing(arg: string, kind: 'scenario' | 'playbook', names: readonly string[]): never {
  if (isLink(arg)) readInput(arg);
  // A name ending in a separator can only be a folder.
  if (/[\\/]$/.test(arg)) throw new InputError([{ file: arg, line: 1, column: 1, path: '', message: 'no such folder' }]);
  const stem = basename(arg).replace(/\.ya?ml$/i, '');
  throw new InputError([{ file: arg, line: 1, column: 1, path: '', message: `no such file, nor a built-in ${kind} of that name (${unknownName(kind, stem, names)})` }]);
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A scenario named by path, or by the id of a built-in one. */
export function resolveScenario(arg: string): Scenario {
  if (existsSync(arg)) return scenarioFromFile(arg);
  if (meantAsFile(arg)) refuseMissing(arg, 'scenario', builtinScenarioIds());
  const file = join(SCENARIO_DIR, `${arg}.yaml`);
  if (existsSync(file)) return scenarioFromFile(file);
  throw new UsageError(`${unknownName('scenario', arg, builtinScenarioIds())} (give a file path or a built-in scenario id; see firedrill list)`);
}

/**
 * A playbook named by path, or by the name of a built-in one; `human:` before either, carried out
 * by people. A path may be a real rollout config (Argo Rollouts, Flagger, Prometheus rules), its
 * files joined with commas, with a metrics map that names its series.
 */
export function resolvePlaybook(typed: string, metricsMap?: string): Playbook {
  const { ref, byHand: people } = splitExecutor(typed);
  const playbook = locatePlaybook(ref, metricsMap);
  return people ? byHand(playbook) : playbook;
}

function locatePlaybook(arg: string, metricsMap: string | undefined): Playbook {
  if (filesExist(arg)) return loadPlaybookArg(arg, metricsMap);
  if (meantAsFile(arg)) refuseMissing(missingFile(arg), 'playbook', builtinPlaybookNames());
  const file = join(PLAYBOOK_DIR, `${arg}.yaml`);
  if (existsSync(file)) return playbookFromFile(file);
  throw new UsageError(`${unknownName('playbook', arg, builtinPlaybookNames())} (give a file path or a built-in playbook name)`);
}
