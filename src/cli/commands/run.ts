import { availableParallelism } from 'node:os';
import { drillPlaybook } from '../../drill/playbook-runner.js';
import { buildReport, reportJson } from '../../report/report.js';
import { replayCommand } from '../../report/sweep/header.js';
import { reportText } from '../../report/text.js';
import { terminalStyle, UsageError, type Io } from '../io.js';
import { version } from '../library.js';
import { MAX_SEEDS, parseShard } from '../sweep/grid.js';
import { defaultOutDir, FORMATS, outDirOption, parseFormats } from '../sweep/outputs.js';
import { planSweep, type SweepPlan } from '../sweep/plan.js';
import { runSweep, type ReportFiles } from '../sweep/run-sweep.js';
import { wholeOption } from '../sweep/options.js';
import { CheckedJournal, checkJournalPath } from '../checked-journal.js';
import { journalHeader } from '../journal.js';
import { withMetricsMap } from '../playbook-arg.js';
import type { CommandDef } from './command.js';

/** More threads than this gains nothing on any machine we know, and each costs memory. */
export const MAX_WORKERS = 256;

type Values = Record<string, string | boolean | string[] | undefined>;

export function seedRange(values: Values, command: string): { first: number; last: number } {
  if (values.seed !== undefined && values.seeds !== undefined) throw new UsageError('give --seed N (one drill) or --seeds N (seeds 1 to N), not both', command);
  if (values.seeds !== undefined) return { first: 1, last: wholeOption(values.seeds, 'seeds', 1, 1, MAX_SEEDS, command) };
  const seed = wholeOption(values.seed, 'seed', 1, 0, Number.MAX_SAFE_INTEGER - MAX_SEEDS, command);
  return { first: seed, last: seed };
}

/** Threads per core past which a sweep only adds memory and switching: each drill keeps a core busy. */
export const WORKERS_PER_CORE = 4;

/** --workers: one per core by default, at most WORKERS_PER_CORE per core of this machine. */
export function workerCount(values: Values, command: string): number {
  const cores = availableParallelism();
  const max = Math.min(MAX_WORKERS, WORKERS_PER_CORE * cores);
  const n = wholeOption(values.workers, 'workers', Math.min(max, cores), 1, MAX_WORKERS, command);
  if (n > max) throw new UsageError(`--workers ${n} is more than ${WORKERS_PER_CORE} per core of this machine (${cores} cores): give at most ${max}`, command);
  return n;
}

function printOne(plan: SweepPlan, seed: number, json: boolean, journalPath: string | undefined, io: Io): number {
  const c = plan.cases[0]!;
  const journal = journalPath === undefined ? undefined : new CheckedJournal(journalPath, journalHeader(c.scenario, seed, { mode: 'run', executor: 'automated', driver: c.playbook }));
  let drilled: ReturnType<typeof drillPlaybook>;
  try {
    drilled = drillPlaybook(c.scenario, c.playbook, seed, (e) => journal?.append(e));
  } catch (e) {
    journal?.close();
    throw e;
  }
  const { session, run } = drilled;
  journal?.finish(session);
  const report = buildReport(session, { firedrill: version(), scenario: c.scenario, playbook: c.playbook, run });
  if (json) {
    io.out(reportJson(report));
  } else {
    io.out(
      reportText(report, replayCommand(c.info, seed), terminalStyle(io)),
    );
  }
  return report.verdict === 'PASS' ? 0 : 1;
}

export const runCommand: CommandDef = {
  name: 'run',
  usage: 'firedrill run SCENARIO|DIR... --playbook FILE [--seed N | --seeds N] [--workers N] [--shard K/N] [--out DIR] [--format json,md,junit,html] [--json]',
  summary: 'run scenarios against a rollback playbook, headless, over many seeds, and score the recovery',
  help: [
    'Runs each scenario (a file, a folder of them, or the id of a built-in scenario) with the playbook',
    'acting as an automated rollback controller. One scenario and one seed print the full report;',
    'more print a summary per scenario: how often the target was met, recovery p50/p95/max, and the',
    'worst seed with the command that replays it.',
    '',
    'Options:',
    '  --playbook FILE   the playbook: a file, a built-in name, or `reference` / `naive` for the one',
    '                    each scenario names. A playbook that names metrics, routes or alerts a',
    '                    scenario lacks is an error for a scenario named on the command line; for a',
    '                    scenario found in a folder, the case is skipped and listed as not run.',
    '                    A real rollout config runs as its controller: an Argo Rollouts Rollout, a',
    '                    Flagger Canary or Prometheus rule groups, files joined with commas',
    '                    (rollout.yaml,analysis.yaml); see firedrill check and firedrill import.',
    '  --metrics-map FILE  the metric and label names a rollout config\'s queries use, mapped',
    '                    onto the drill\'s series',
    '  --seed N          one seed (default 1): same inputs and seed, same report',
    '  --seeds N         seeds 1 to N',
    `  --workers N       worker threads (default: the number of cores; at most ${WORKERS_PER_CORE} per core)`,
    '  --shard K/N       run slice K of N of the (scenario, seed) grid; merge the results with',
    '                    firedrill merge. A shard always writes report.json.',
    '  --out DIR         write reports there (default reports/DATE-NAME/ when --format or --shard is given)',
    `  --format LIST     reports to write, comma-separated: ${FORMATS.join(', ')} (default: all)`,
    '  --json            print the result as one JSON document on stdout, nothing else',
    '  --journal FILE    record the drill\'s commands there as they are accepted (one drill only);',
    '                    firedrill replay FILE runs it again to the same report. An existing FILE',
    '                    is refused unless --force is given; an input file of the drill always is',
    '  --force           let --journal replace an existing file',
    '',
    'The Markdown report is also appended to $GITHUB_STEP_SUMMARY when that is set.',
    'Exit codes: 0 every drill met its target, 1 at least one missed it, 2 bad input or a file that',
    'cannot be written, 3 internal error, 130 / 143 stopped by SIGINT / SIGTERM (the reports of the',
    'drills that finished are written, and the run is marked INTERRUPTED, never PASS).',
    '',
    'Examples:',
    '  firedrill run ID --playbook unified-release-rollback --seed 7     (firedrill list shows the ids)',
    '  firedrill run scenarios/ --playbook reference --seeds 200 --format json,md,junit,html',
    '  firedrill run scenarios/ --playbook my-playbook.yaml --seeds 1000 --shard 2/4 --out shard-2',
  ].join('\n'),
  options: {
    playbook: { type: 'string' },
    'metrics-map': { type: 'string' },
    seed: { type: 'string' },
    seeds: { type: 'string' },
    workers: { type: 'string' },
    shard: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    journal: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run({ positionals, values }, io: Io) {
    if (positionals.length === 0) throw new UsageError('name at least one scenario (a file, a folder, or a built-in id)', 'run');
    if (typeof values.playbook !== 'string') throw new UsageError('--playbook FILE is required', 'run');
    const seeds = seedRange(values, 'run');
    const shard = parseShard(values.shard as string | undefined);
    const workers = workerCount(values, 'run');
    const json = values.json === true;
    const plan = planSweep({ command: 'run', scenarios: positionals, playbooks: [withMetricsMap(values.playbook, values['metrics-map'])], seeds, shard, firedrill: version() });
    const wantFiles = values.out !== undefined || values.format !== undefined || shard !== null;
    const one = !wantFiles && plan.cases.length === 1 && seeds.first === seeds.last;
    if (values.journal !== undefined && !one) throw new UsageError('--journal records one drill: give one scenario and one seed', 'run');
    if (typeof values.journal === 'string') {
      const c = plan.cases[0]!;
      checkJournalPath(values.journal, [c.scenario.file, c.playbook.file], values.force === true, 'run');
    }
    if (one) return printOne(plan, seeds.first, json, values.journal as string | undefined, io);
    let files: ReportFiles | null = null;
    if (wantFiles) {
      const formats = parseFormats(values.format as string | undefined, 'run');
      // merge reads report.json: a shard without it could not be combined with the others.
      if (shard && !formats.includes('json')) formats.unshift('json');
      files = { outDir: outDirOption(values.out, 'run') ?? defaultOutDir(plan.header, new Date()), formats };
    }
    return runSweep(plan, { workers, files, json }, io);
  },
};
