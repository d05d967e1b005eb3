import { basename, dirname, join, relative, resolve } from 'node:path';
import { formatClock } from '../../core/monitors.js';
import { unknownName } from '../../core/names.js';
import { drillPlaybook } from '../../drill/playbook-runner.js';
import { outcomeWords } from '../../report/outcome.js';
import { baseWorld, type BaseWorld } from '../../drill/fuzz/base-world.js';
import { FAULT_KINDS, type FaultKind } from '../../drill/fuzz/fault-catalogue.js';
import { DEFAULT_INCIDENT_SPACE, offeredKinds } from '../../drill/fuzz/incident.js';
import { describeIncident, findingScenario } from '../../drill/fuzz/finding-file.js';
import { withSchemaLine } from '../../formats/file-kinds.js';
import { faultInput } from '../../formats/write-scenario.js';
import { DEFAULT_FUZZ_SETTINGS, fuzzPlaybook, type FuzzOutcome, type IncidentDrill } from '../../drill/fuzz/search.js';
import type { Playbook } from '../../formats/playbook.js';
import { loadScenario, type Scenario } from '../../formats/scenario.js';
import { readInput } from '../files.js';
import { paint, UsageError, type Io } from '../io.js';
import { builtinScenarios, resolvePlaybook, resolveScenario, SCENARIO_DIR } from '../library.js';
import { outDirOption } from '../sweep/outputs.js';
import { writeAtomic } from '../write-file.js';
import { withMetricsMap } from '../playbook-arg.js';
import { intOption, type CommandDef } from './command.js';
import { scoreLine } from '../../report/score-line.js';

/** The built-in scenario that names this playbook as its naive or reference one. */
function scenarioFor(playbook: Playbook, arg: string): Scenario {
  const name = basename(arg).replace(/\.ya?ml$/, '');
  const matches = builtinScenarios().filter((s) => s.meta.playbooks.naive === name || s.meta.playbooks.reference === name);
  if (matches.length === 1) return matches[0]!;
  const which = matches.length === 0 ? `no built-in scenario names playbook ${playbook.name}` : `${matches.length} built-in scenarios name playbook ${playbook.name} (${matches.map((s) => s.meta.id).join(', ')})`;
  throw new UsageError(`${which}: give the base world with --scenario ID|FILE`, 'fuzz');
}

function faultKinds(value: unknown): readonly FaultKind[] {
  if (typeof value !== 'string') return FAULT_KINDS;
  const kinds = value.split(',').map((k) => k.trim()).filter((k) => k !== '');
  for (const k of kinds) if (!FAULT_KINDS.includes(k as FaultKind)) throw new UsageError(`--faults: ${unknownName('fault kind', k, FAULT_KINDS)}`, 'fuzz');
  if (kinds.length === 0) throw new UsageError(`--faults takes kinds joined by commas: ${FAULT_KINDS.join(', ')}`, 'fuzz');
  return kinds as FaultKind[];
}

function describeBase(base: BaseWorld): string {
  const rewound = base.skipped.length > 0 ? ` (rewound from ${base.skipped.join(', ')}: already unhealthy at the start)` : '';
  return `release ${base.startRelease}${rewound}, no faults`;
}

export const fuzzCommand: CommandDef = {
  name: 'fuzz',
  usage: 'firedrill fuzz --playbook FILE [--scenario ID|FILE] [--faults KIND,...] [--runs N] [--seed N] [--path P] [--shrinks N] [--out DIR] [--json]',
  summary: 'search generated incidents for one the playbook fails, and shrink it to a minimal one',
  help: [
    'Generates incidents from the fault catalogue (releases deployed, versions and settings changed,',
    'aliases moved, versions retired, agents acting, traffic spikes, dependencies and versions going',
    'bad, canaries, blue/green cutovers), drawn over the base world, and runs the playbook against',
    'each. When it misses the target, the incident is shrunk to a minimal one (fewer, earlier, milder',
    'faults) and written as a scenario that `firedrill run` reproduces.',
    '',
    "The base world is the scenario's world without its faults, started at the newest release under",
    'which no harmful rule matches (a scenario that opens mid-incident is rewound to the release before).',
    '',
    'Options:',
    '  --playbook FILE     the playbook (a file, or the name of a built-in playbook)',
    '  --scenario ID|FILE  the base world (default: the built-in scenario that names the playbook)',
    `  --faults KIND,...   draw only these kinds of fault (default all: ${FAULT_KINDS.join(', ')})`,
    `  --runs N            incidents to try (default ${DEFAULT_FUZZ_SETTINGS.runs})`,
    `  --seed N            the search seed (default ${DEFAULT_FUZZ_SETTINGS.seed}): the same seed tries the same incidents`,
    '  --path P            with --seed, go straight to the minimal incident an earlier search printed',
    `  --shrinks N         shrink candidates to try at most, one drill each (default ${DEFAULT_FUZZ_SETTINGS.maxShrinks})`,
    '  --out DIR           where to write the minimal incident (default reports)',
    '  --json              print one JSON document on stdout, nothing else',
    '',
    'Exit codes: 0 no incident made the playbook miss, 1 one did, 2 bad input or a file that cannot be',
    'written, 3 internal error.',
    '',
    'Example:',
    '  firedrill fuzz --playbook code-only-rollback --runs 200 --seed 7',
  ].join('\n'),
  options: {
    playbook: { type: 'string' },
    'metrics-map': { type: 'string' },
    scenario: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    shrinks: { type: 'string' },
    faults: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ positionals, values }, io: Io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, 'fuzz');
    if (typeof values.playbook !== 'string') throw new UsageError('--playbook FILE is required', 'fuzz');
    values.playbook = withMetricsMap(values.playbook, values['metrics-map']);
    const runs = intOption(values.runs, 'runs', DEFAULT_FUZZ_SETTINGS.runs, 1);
    const seed = intOption(values.seed, 'seed', DEFAULT_FUZZ_SETTINGS.seed);
    const maxShrinks = intOption(values.shrinks, 'shrinks', DEFAULT_FUZZ_SETTINGS.maxShrinks);
    const path = typeof values.path === 'string' ? values.path : undefined;
    if (path !== undefined && !/^\d+(:\d+)*$/.test(path)) throw new UsageError(`--path takes the path an earlier search printed (numbers joined by ':'), got '${path}'`, 'fuzz');
    const kinds = faultKinds(values.faults);
    const outDir = outDirOption(values.out, 'fuzz') ?? 'reports';
    const playbook = resolvePlaybook(values.playbook);
    const scenario = typeof values.scenario === 'string' ? resolveScenario(values.scenario) : scenarioFor(playbook, values.playbook);
    const base = baseWorld(scenario);
    if (offeredKinds(base.scenario, kinds).length === 0) {
      const offered = offeredKinds(base.scenario, FAULT_KINDS).map(([k]) => k);
      throw new UsageError(`${scenario.meta.id} offers no fault of the kinds ${kinds.join(', ')} (it offers ${offered.join(', ')})`, 'fuzz');
    }
    const space = { ...DEFAULT_INCIDENT_SPACE, kinds };
    const result = fuzzPlaybook(base, playbook, { ...DEFAULT_FUZZ_SETTINGS, runs, seed, maxShrinks, space, ...(path !== undefined ? { path } : {}) });

    const scenarioArg = typeof values.scenario === 'string' ? values.scenario : scenario.meta.id;
    const faultsArg = typeof values.faults === 'string' ? ` --faults ${kinds.join(',')}` : '';
    const search = `firedrill fuzz --playbook ${values.playbook} --scenario ${scenarioArg}${faultsArg} --runs ${runs} --seed ${seed}`;
    const failing = result.finding?.drill ?? (result.baseline.result.verdict === 'FAIL' ? result.baseline : undefined);
    const file = failing && writeFinding(scenario, base, playbook, failing, seed, outDir);
    const summary: Summary = {
      scenario,
      playbook,
      base,
      seed,
      runs,
      result,
      search,
      ...(path !== undefined && { path }),
      ...(failing && file !== undefined && { failing, file, reproduce: `firedrill run ${file} --playbook ${values.playbook} --seed ${failing.incident.seed}` }),
    };
    io.out(values.json ? summaryJson(summary) : summaryText(summary, io));
    return failing ? 1 : 0;
  },
};

interface Summary {
  scenario: Scenario;
  playbook: Playbook;
  base: BaseWorld;
  seed: number;
  runs: number;
  result: FuzzOutcome;
  /** The command that replays the search. */
  search: string;
  /** Set when the search went straight to an incident an earlier one printed. */
  path?: string;
  failing?: IncidentDrill;
  file?: string;
  reproduce?: string;
}

function summaryJson(s: Summary): string {
  const { finding, baseline, tried } = s.result;
  const doc = {
    scenario: s.scenario.meta.id,
    playbook: s.playbook.name,
    base: { release: s.base.startRelease, rewoundFrom: s.base.skipped, verdict: baseline.result.verdict },
    seed: s.seed,
    runs: s.runs,
    tried,
    found: s.failing !== undefined,
    ...(s.failing && {
      incident: { seed: s.failing.incident.seed, faults: s.failing.incident.faults.map(faultInput) },
      verdict: s.failing.result.verdict,
      recoverMs: s.failing.result.recoverMs,
      reasons: s.failing.result.reasons,
      file: s.file,
      reproduce: s.reproduce,
    }),
    ...(finding && { foundAtRun: finding.foundAtRun, firstFaults: finding.firstFaults, shrinks: finding.shrinks, path: finding.path }),
    replay: s.search,
    ...(finding && { jump: `${s.search} --path ${finding.path}` }),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const faults = (n: number): string => `${n} fault${n === 1 ? '' : 's'}`;

function summaryText(s: Summary, io: Io): string {
  const { finding, tried } = s.result;
  const lines = [`fuzzing playbook ${s.playbook.name} over ${s.scenario.meta.id}: base world at ${describeBase(s.base)}`];
  if (!s.failing) {
    lines.push(`${paint(io, 'green', 'PASS')}  none of ${tried} incidents made the playbook miss its target (search seed ${s.seed})`);
    lines.push('replay the search:', `  ${s.search}`);
    return `${lines.join('\n')}\n`;
  }
  const { incident, result } = s.failing;
  if (finding && s.path !== undefined) {
    lines.push(`the incident at --path ${s.path} (${faults(incident.faults.length)}) makes it miss, drill seed ${incident.seed}:`);
    lines.push(...describeIncident(incident));
  } else if (finding) {
    lines.push(`incident ${finding.foundAtRun} of ${s.runs} (${faults(finding.firstFaults)}) made it miss; shrunk ${finding.shrinks} times to ${faults(incident.faults.length)}, drill seed ${incident.seed}:`);
    lines.push(...describeIncident(incident));
  } else {
    lines.push('the playbook misses its target on the base world itself, with no fault at all');
  }
  lines.push(`${paint(io, 'red', result.verdict)}  ${outcomeWords(result)} (target ${formatClock(result.targetMs)})   ${scoreLine(result)}`);
  lines.push('Why', ...result.reasons.map((r) => `  - ${r}`));
  lines.push(`wrote ${s.file}`);
  // Each command on a line of its own, to be copied whole.
  lines.push('reproduce the drill:', `  ${s.reproduce}`);
  lines.push('replay the search:', `  ${s.search}`);
  if (finding) lines.push('jump to the incident:', `  ${s.search} --path ${finding.path}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the failing incident as a scenario file, then loads it back and drills it again: a
 * file that did not reproduce the finding would send its reader after a ghost.
 */
function writeFinding(scenario: Scenario, base: BaseWorld, playbook: Playbook, failing: IncidentDrill, seed: number, out: string): string {
  const found = findingScenario(readInput(scenario.file), base, playbook, failing.incident, seed);
  const file = join(out, found.name);
  // Relative to where it is written, so that the schema is found wherever the folder is opened from.
  const schema = relative(dirname(resolve(file)), join(SCENARIO_DIR, 'schema', 'scenario.schema.json'));
  const text = withSchemaLine(found.text, schema.startsWith('.') ? schema : `./${schema}`);
  const again = drillPlaybook(loadScenario(text, file), playbook, failing.incident.seed).session.result();
  if (again.verdict !== failing.result.verdict || again.recoverMs !== failing.result.recoverMs || again.score !== failing.result.score) {
    throw new Error(`the written incident does not reproduce the finding (${again.verdict} ${again.recoverMs} vs ${failing.result.verdict} ${failing.result.recoverMs})`);
  }
  writeAtomic(file, text);
  return file;
}
