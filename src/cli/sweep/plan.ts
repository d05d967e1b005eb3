import { existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { unknownName } from '../../core/names.js';
import { checkFit } from '../../drill/fit.js';
import { expectedMissOf, misspeltExpectations, type ExpectedMiss } from '../../formats/expectations.js';
import { fileKindOf } from '../../formats/file-kinds.js';
import { BY_HAND_PREFIX, byHand, splitExecutor, type Playbook } from '../../formats/playbook.js';
import { loadScenario, type Scenario } from '../../formats/scenario.js';
import { formatProblem, InputError, type Problem } from '../../formats/source.js';
import { scenarioTags } from '../../formats/tags.js';
import { caseKey, SWEEP_FORMAT, SWEEP_FORMAT_VERSION, type CaseInfo, type SkippedCase, type SweepHeader } from '../../report/sweep/header.js';
import { meantAsFile, readInput, yamlFilesIn } from '../files.js';
import { UsageError } from '../io.js';
import { builtinPlaybookNames, builtinScenarioIds, PACKAGE_ROOT, PLAYBOOK_DIR, refuseMissing, SCENARIO_DIR } from '../library.js';
import { filesExist, loadPlaybookArg, missingFile } from '../playbook-arg.js';
import type { Shard } from './grid.js';
import { checkTags, SELECT_ALL, selects, type Selection } from './select.js';

export interface PlannedCase {
  info: CaseInfo;
  scenario: Scenario;
  playbook: Playbook;
}

export interface SweepPlan {
  header: SweepHeader;
  cases: PlannedCase[];
  /** What the person should hear before the drills run, one line each (a likely typo in the expected misses). */
  notices: string[];
}

export interface PlanInput {
  command: 'run' | 'compare';
  /** Scenario files, folders of them, or built-in ids, as typed. */
  scenarios: string[];
  /** Playbook files or built-in names, as typed; `reference` and `naive` mean each scenario's own; `human:` before one, carried out by people. */
  playbooks: string[];
  seeds: { first: number; last: number };
  shard: Shard | null;
  firedrill: string;
  /** Which of the scenarios found to run (default: all). */
  select?: Selection;
  /** Scenarios the playbooks are known to miss. */
  expectedMisses?: readonly ExpectedMiss[];
  /** The command that runs the same sweep again, for the reports (default: none said). */
  commandLine?: string;
}

/** Each scenario names the playbooks that miss and meet its target; these words pick them. */
export const OWN_PLAYBOOKS = ['reference', 'naive'] as const;

interface ScenarioArg {
  ref: string;
  file: string;
  /** Found by listing a folder (not named one by one). */
  fromFolder: boolean;
}

function scenarioArgs(arg: string, command: string): ScenarioArg[] {
  if (existsSync(arg) && statSync(arg).isDirectory()) {
    // Playbooks and other kinds of file may share the folder: a file that says or shows it is one is passed over.
    const files = yamlFilesIn(arg).filter((f) => (fileKindOf(readInput(f))?.kind ?? 'scenario') === 'scenario');
    if (files.length === 0) throw new UsageError(`no scenario files (*.yaml) directly in folder ${arg}`, command);
    return files.map((f) => ({ ref: f, file: f, fromFolder: true }));
  }
  if (existsSync(arg)) return [{ ref: arg, file: arg, fromFolder: false }];
  if (meantAsFile(arg)) refuseMissing(arg, 'scenario', builtinScenarioIds());
  const builtin = join(SCENARIO_DIR, `${arg}.yaml`);
  if (existsSync(builtin)) return [{ ref: arg, file: builtin, fromFolder: false }];
  const ids = yamlFilesIn(SCENARIO_DIR).map((f) => basename(f, '.yaml'));
  throw new UsageError(`${unknownName('scenario', arg, ids)} (give a file, a folder of them, or a built-in scenario id; see firedrill list)`, command);
}

/** A playbook file for `arg`: a path, a built-in name, or (for reference/naive) the scenario's own. */
function locatePlaybook(arg: string, scenario: Scenario, scenarioFile: string, command: string): { ref: string; file: string } {
  if (filesExist(arg)) return { ref: arg, file: arg };
  if (meantAsFile(arg)) refuseMissing(missingFile(arg), 'playbook', [...builtinPlaybookNames(), ...OWN_PLAYBOOKS]);
  const own = (OWN_PLAYBOOKS as readonly string[]).includes(arg) ? scenario.meta.playbooks[arg as (typeof OWN_PLAYBOOKS)[number]] : null;
  const name = own ?? arg;
  if (own !== null) {
    const beside = join(dirname(scenarioFile), 'playbooks', `${name}.yaml`);
    if (resolve(dirname(beside)) !== resolve(PLAYBOOK_DIR) && existsSync(beside)) return { ref: beside, file: beside };
  }
  const builtin = join(PLAYBOOK_DIR, `${name}.yaml`);
  if (existsSync(builtin)) return { ref: name, file: builtin };
  const names = yamlFilesIn(PLAYBOOK_DIR).map((f) => basename(f, '.yaml'));
  if (own !== null) throw new UsageError(`scenario ${scenario.meta.id} names ${arg} playbook '${own}', which is neither beside it (playbooks/${own}.yaml) nor built in`, command);
  throw new UsageError(`${unknownName('playbook', arg, [...names, ...OWN_PLAYBOOKS])} (give a file, a built-in playbook name, or reference / naive for each scenario's own)`, command);
}

/**
 * A file as reports name it: a built-in one from the package's folder, so a report is the same
 * bytes wherever firedrill is installed; any other as it was given.
 */
export function shownPath(file: string): string {
  const root = resolve(PACKAGE_ROOT);
  return isAbsolute(file) && resolve(file).startsWith(root + sep) ? relative(root, resolve(file)) : file;
}

function caseInfo(scenario: Scenario, playbook: Playbook, scenarioRef: string, playbookRef: string, expected: ExpectedMiss | undefined): CaseInfo {
  const { spec } = scenario;
  return {
    scenario: spec.id,
    title: spec.title,
    playbook: playbook.name,
    scenarioRef,
    playbookRef,
    targetMs: spec.targetMs,
    versions: { scenario: scenario.digest, playbook: playbook.digest },
    slos: spec.slos.map((s) => ({ metric: s.metric, ...(s.min !== undefined ? { min: s.min } : {}), ...(s.max !== undefined ? { max: s.max } : {}) })),
    metrics: spec.metrics.map((m) => ({ name: m.name, kind: m.kind, good: m.good, description: m.description })),
    tags: scenarioTags(scenario.meta),
    expectedMiss: expected ? { reason: expected.reason, listedAt: expected.listedAt } : null,
  };
}

interface FoundScenario {
  arg: ScenarioArg;
  scenario: Scenario;
}

/** Every scenario the arguments name, each once, in order; the same id in two files is bad input. */
function findScenarios(args: readonly string[], command: string): FoundScenario[] {
  const seen = new Map<string, string>();
  const out: FoundScenario[] = [];
  for (const a of args) {
    for (const s of scenarioArgs(a, command)) {
      const scenario = loadScenario(readInput(s.file), s.file);
      const id = scenario.meta.id;
      const previous = seen.get(id);
      if (previous !== undefined && resolve(previous) === resolve(s.file)) continue;
      if (previous !== undefined) throw new UsageError(`two scenarios have the id '${id}': ${previous} and ${s.file}`, command);
      seen.set(id, s.file);
      out.push({ arg: s, scenario });
    }
  }
  return out;
}

function chosen(found: FoundScenario[], select: Selection, command: string): FoundScenario[] {
  const items = found.map((f) => ({ id: f.scenario.meta.id, title: f.scenario.meta.title, tags: scenarioTags(f.scenario.meta) }));
  checkTags(select, items, command);
  const kept = found.filter((_, i) => selects(select, items[i]!));
  if (kept.length === 0) throw new UsageError(`none of the ${found.length} scenarios given matches the --tag, --grep and --exclude options`, command);
  return kept;
}

/**
 * Resolves what to run into cases (scenario x playbook) and the header every report starts
 * from. A playbook that does not fit a scenario (it names a metric, route or alert the scenario
 * lacks) is bad input when the scenario was named, and a skipped case, listed in every report,
 * when the scenario only came with a folder: a folder holds incidents of every kind, and a
 * playbook is written for some of them.
 */
export function planSweep(input: PlanInput): SweepPlan {
  const { command } = input;
  const cases: PlannedCase[] = [];
  const skipped: SkippedCase[] = [];
  const misfits: Problem[] = [];
  // One playbook usually serves every scenario: read and compile it once.
  const playbooks = new Map<string, Playbook>();
  const playbookAt = (file: string): Playbook => {
    let p = playbooks.get(resolve(file));
    if (!p) playbooks.set(resolve(file), (p = loadPlaybookArg(file)));
    return p;
  };
  const found = findScenarios(input.scenarios, command);
  const notices = misspeltExpectations(input.expectedMisses ?? [], found.map((f) => f.scenario.meta.id));
  for (const { arg: s, scenario } of chosen(found, input.select ?? SELECT_ALL, command)) {
    const id = scenario.meta.id;
    for (const typed of input.playbooks) {
      const { ref: p, byHand: people } = splitExecutor(typed);
      const located = locatePlaybook(p, scenario, s.file, command);
      const ref = people ? `${BY_HAND_PREFIX}${located.ref}` : located.ref;
      const playbook = people ? byHand(playbookAt(located.file)) : playbookAt(located.file);
      try {
        checkFit(playbook, scenario);
      } catch (e) {
        if (!(e instanceof InputError) || !s.fromFolder || input.playbooks.some((x) => (OWN_PLAYBOOKS as readonly string[]).includes(splitExecutor(x).ref))) throw e;
        const lacks = [...new Set(playbook.uses.filter((u) => e.problems.some((p) => p.path === u.path)).map((u) => `${u.kind} ${u.name}`))];
        skipped.push({ scenario: id, scenarioRef: s.ref, playbook: playbook.name, lacks, problems: e.problems.map((p) => formatProblem({ ...p, file: shownPath(p.file) })) });
        misfits.push(...e.problems);
        continue;
      }
      if (cases.some((c) => caseKey(c.info.scenario, c.info.playbook) === caseKey(id, playbook.name))) {
        throw new UsageError(`two playbooks are both named '${playbook.name}' (${p}); give playbooks with different names`, command);
      }
      const expected = expectedMissOf(input.expectedMisses ?? [], id, playbook.name);
      cases.push({ info: caseInfo(scenario, playbook, s.ref, ref, expected), scenario, playbook });
    }
  }
  // Not one drill to run: the playbook fits none of the scenarios, which is bad input.
  if (cases.length === 0) throw new InputError(misfits);
  const header: SweepHeader = {
    format: SWEEP_FORMAT,
    formatVersion: SWEEP_FORMAT_VERSION,
    firedrill: input.firedrill,
    command: input.commandLine ?? '',
    seeds: input.seeds,
    shard: input.shard,
    cases: cases.map((c) => c.info),
    skipped,
  };
  return { header, cases, notices };
}
