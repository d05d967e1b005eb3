import { availableParallelism } from 'node:os';
import { drillPlaybook } from '../../drill/playbook-runner.js';
import { drillAnnotation } from '../../report/annotations.js';
import { buildReport, reportJson } from '../../report/report.js';
import { expectedLine } from '../../report/sweep/figures.js';
import { replayCommand } from '../../report/sweep/header.js';
import { reportText } from '../../report/text.js';
import { terminalStyle, UsageError, type Io } from '../io.js';
import { outText } from '../fit-width.js';
import { version } from '../library.js';
import { defaultOutDir, FORMATS, outDirOption } from '../sweep/outputs.js';
import { planSweep, type SweepPlan } from '../sweep/plan.js';
import { annotate, runSweep, type ReportFiles } from '../sweep/run-sweep.js';
import { runSettings } from '../sweep/run-settings.js';
import { wholeOption } from '../sweep/options.js';
import { CheckedJournal, checkJournalPath } from '../checked-journal.js';
import { journalHeader } from '../journal.js';
import type { CommandDef } from './command.js';

export { seedRange } from '../sweep/run-settings.js';

/** More threads than this gains nothing on any machine we know, and each costs memory. */
export const MAX_WORKERS = 256;

type Values = Record<string, string | boolean | string[] | undefined>;

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
  const journal = journalPath === undefined ? undefined : new CheckedJournal(journalPath, journalHeader(c.scenario, seed, { mode: 'run', executor: c.playbook.executedBy, driver: c.playbook }));
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
  const expected = c.info.expectedMiss;
  const pass = report.verdict === 'PASS';
  if (json) {
    io.out(reportJson(report));
  } else {
    outText(io, reportText(report, replayCommand(c.info, seed), terminalStyle(io)));
    if (expected) {
      const status = pass ? 'unexpected-pass' : 'expected-miss';
      io.out(`\n${terminalStyle(io).verdict(pass ? 'UNEXPECTED PASS' : 'EXPECTED MISS', !pass)}  ${expectedLine({ status, passed: pass ? 1 : 0, drills: 1 }, expected)}\n`);
    }
  }
  const annotation = drillAnnotation(c.info, report);
  annotate(annotation ? [annotation] : [], json, io);
  // An expected miss passes the run; the same drill meeting its target fails it, so the list is cleaned up.
  return pass === (expected === null) ? 0 : 1;
}

export const runCommand: CommandDef = {
  name: 'run',
  usage:
    'firedrill run SCENARIO|DIR... --playbook FILE [--metrics-map FILE] [--executor human] [--seed N | --seeds N] [--tag TAG] [--grep RE] [--exclude RE] [--expect FILE] [--config FILE | --no-config] [--workers N] [--shard K/N | --shard auto [--shards N]] [--out DIR] [--format json,md,junit,html] [--json]',
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
    '  --executor WHO    automated (default): the playbook acts the second a trigger fires; human:',
    '                    people carry it out, paged, reading the runbook, typing each step, and',
    '                    waiting for approval of destructive ones (the same as --playbook human:FILE)',
    '  --seed N          one seed (default 1): same inputs and seed, same report',
    '  --seeds N         seeds 1 to N',
    '  --tag TAG         only scenarios with this tag (or any of TAG,TAG...; may be repeated): a',
    '                    layer (data or layer:data), a pattern (pattern:unified-rollback), a source',
    '  --grep RE         only scenarios whose id, title or tags match the regular expression',
    '  --exclude RE      leave out scenarios whose id, title or tags match it',
    '  --expect FILE     the scenarios the playbook is known to miss, each with its reason (instead',
    '                    of the config file\'s expectedMisses): such a miss is reported as expected,',
    '                    and a drill of one that meets its target fails the run, naming it',
    '  --config FILE     defaults for this command (default: firedrill.config.yaml in this folder',
    '                    or the nearest folder above); flags win over it. --no-config reads none',
    `  --workers N       worker threads (default: the number of cores; at most ${WORKERS_PER_CORE} per core)`,
    '  --shard K/N       run slice K of N of the (scenario, seed) grid; merge the results with',
    '                    firedrill merge. A shard always writes report.json. --shard auto takes K',
    '                    and N from the CI: GitLab\'s CI_NODE_INDEX and CI_NODE_TOTAL, or a',
    '                    Kubernetes Indexed Job\'s JOB_COMPLETION_INDEX with --shards N',
    '  --out DIR         write reports there (default reports/DATE-NAME/ when --format or --shard is given)',
    `  --format LIST     reports to write, comma-separated: ${FORMATS.join(', ')} (default: all)`,
    '  --json            print the result as one JSON document on stdout, nothing else',
    '  --journal FILE    record the drill\'s commands there as they are accepted (one drill only);',
    '                    firedrill replay FILE runs it again to the same report. An existing FILE',
    '                    is refused unless --force is given; an input file of the drill always is',
    '  --force           let --journal replace an existing file',
    '',
    'Off a terminal, a sweep prints a progress line on stderr every 10% or 10 seconds. The Markdown',
    'report is also appended to $GITHUB_STEP_SUMMARY when that is set; with GITHUB_ACTIONS=true each',
    'miss is also an ::error annotation (an expected miss a ::notice).',
    'Exit codes: 0 every drill met its target or missed it as expected, 1 at least one missed it',
    'unexpectedly or met it though expected to miss, 2 bad input or a file that cannot be written,',
    '3 internal error, 130 / 143 stopped by SIGINT / SIGTERM (the reports of the drills that',
    'finished are written, and the run is marked INTERRUPTED, never PASS).',
    '',
    'Examples:',
    '  firedrill run ID --playbook unified-release-rollback --seed 7     (firedrill list shows the ids)',
    '  firedrill run scenarios/ --playbook reference --seeds 200 --format json,md,junit,html',
    '  firedrill run scenarios/ --playbook my-playbook.yaml --tag data --exclude terraform',
    '  firedrill run scenarios/ --playbook my-playbook.yaml --seeds 1000 --shard 2/4 --out shard-2',
  ].join('\n'),
  options: {
    playbook: { type: 'string' },
    'metrics-map': { type: 'string' },
    executor: { type: 'string' },
    seed: { type: 'string' },
    seeds: { type: 'string' },
    tag: { type: 'string', multiple: true },
    grep: { type: 'string' },
    exclude: { type: 'string' },
    expect: { type: 'string' },
    config: { type: 'string' },
    'no-config': { type: 'boolean' },
    workers: { type: 'string' },
    shard: { type: 'string' },
    shards: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    journal: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run({ positionals, values }, io: Io) {
    const settings = runSettings(positionals, values, io.env, process.cwd());
    const { seeds, shard, formats } = settings;
    const workers = workerCount(values, 'run');
    const json = values.json === true;
    const plan = planSweep({
      command: 'run',
      scenarios: settings.scenarios,
      playbooks: [settings.playbook],
      seeds,
      shard,
      firedrill: version(),
      select: settings.selection,
      expectedMisses: settings.expectedMisses,
      commandLine: settings.commandLine,
    });
    for (const notice of plan.notices) io.err(`firedrill: ${notice}\n`);
    const one = formats === null && plan.cases.length === 1 && seeds.first === seeds.last;
    if (values.journal !== undefined && !one) throw new UsageError('--journal records one drill: give one scenario and one seed', 'run');
    if (typeof values.journal === 'string') {
      const c = plan.cases[0]!;
      checkJournalPath(values.journal, [c.scenario.file, c.playbook.file], values.force === true, 'run');
    }
    if (one) return printOne(plan, seeds.first, json, values.journal as string | undefined, io);
    const files: ReportFiles | null = formats && { outDir: outDirOption(settings.out, 'run') ?? defaultOutDir(plan.header, new Date()), formats };
    return runSweep(plan, { workers, files, json }, io);
  },
};
