import type { ExpectedMiss } from '../../formats/expectations.js';
import { BY_HAND_PREFIX, splitExecutor } from '../../formats/playbook.js';
import { shellWord } from '../../report/sweep/header.js';
import { UsageError } from '../io.js';
import { withMetricsMap } from '../playbook-arg.js';
import { expectedMisses, runConfig } from '../run-config-file.js';
import { MAX_SEEDS, type Shard } from './grid.js';
import { parseFormats, type Format } from './outputs.js';
import { selectionOf, selectionWords, type Selection } from './select.js';
import { shardOption } from './shard-env.js';
import { wholeOption } from './options.js';

type Values = Record<string, string | boolean | string[] | undefined>;

/** What `firedrill run` is to do, from its flags, then the config file, then the defaults. */
export interface RunSettings {
  scenarios: string[];
  playbook: string;
  seeds: { first: number; last: number };
  shard: Shard | null;
  selection: Selection;
  expectedMisses: ExpectedMiss[];
  /** Report files to write, or null to print the result only. */
  formats: Format[] | null;
  out: string | undefined;
  /** The command that runs the same drills again from this folder (for the reports). */
  commandLine: string;
}

export function seedRange(values: Values, command: string): { first: number; last: number } {
  if (values.seed !== undefined && values.seeds !== undefined) throw new UsageError('give --seed N (one drill) or --seeds N (seeds 1 to N), not both', command);
  if (values.seeds !== undefined) return { first: 1, last: wholeOption(values.seeds, 'seeds', 1, 1, MAX_SEEDS, command) };
  const seed = wholeOption(values.seed, 'seed', 1, 0, Number.MAX_SAFE_INTEGER - MAX_SEEDS, command);
  return { first: seed, last: seed };
}

function commandLine(s: Omit<RunSettings, 'commandLine' | 'formats' | 'out' | 'shard' | 'expectedMisses'>, values: Values): string {
  const seeds = s.seeds.first === s.seeds.last ? ['--seed', String(s.seeds.first)] : ['--seeds', String(s.seeds.last)];
  const files = [
    ...(typeof values.config === 'string' ? ['--config', values.config] : []),
    ...(values['no-config'] === true ? ['--no-config'] : []),
    ...(typeof values.expect === 'string' ? ['--expect', values.expect] : []),
  ];
  return ['firedrill', 'run', ...s.scenarios, '--playbook', s.playbook, ...seeds, ...selectionWords(s.selection), ...files].map(shellWord).join(' ');
}

/**
 * Reads the run's flags and the config file (--config FILE, or firedrill.config.yaml from the
 * working folder up, unless --no-config); a flag wins over the config, which wins over the
 * defaults. Reports are written when --out, --format or --shard is given, or the config names
 * an output folder or formats.
 */
/** The playbook as typed, carried out by people when --executor human says so. */
function executedBy(executor: unknown, playbook: string): string {
  if (executor === undefined || executor === 'automated') return playbook;
  if (executor !== 'human') throw new UsageError(`--executor is automated or human, not '${String(executor)}'`, 'run');
  return splitExecutor(playbook).byHand ? playbook : `${BY_HAND_PREFIX}${playbook}`;
}

export function runSettings(positionals: string[], values: Values, env: Readonly<Record<string, string | undefined>>, cwd: string): RunSettings {
  const config = runConfig(values, cwd, 'run');
  const scenarios = positionals.length > 0 ? positionals : (config?.scenarios ?? []);
  if (scenarios.length === 0) throw new UsageError(`name at least one scenario (a file, a folder, or a built-in id)${config ? `, or list them under scenarios: in ${config.file}` : ''}`, 'run');
  const named = typeof values.playbook === 'string' ? values.playbook : config?.playbook;
  if (named === undefined) throw new UsageError(`--playbook FILE is required${config ? ` (or playbook: in ${config.file})` : ''}`, 'run');
  // A metrics map joins the playbook argument, as a replay command repeats it; so does human:.
  const playbook = executedBy(values.executor, withMetricsMap(named, values['metrics-map']));
  const seeds = values.seed === undefined && values.seeds === undefined && config?.seeds !== undefined ? { first: 1, last: config.seeds } : seedRange(values, 'run');
  const shard = shardOption(values, env, 'run');
  const selection = selectionOf(values, 'run');
  const wantFiles = values.out !== undefined || values.format !== undefined || shard !== null || config?.out !== undefined || config?.formats !== undefined;
  const formats = !wantFiles ? null : values.format !== undefined ? parseFormats(values.format as string, 'run') : [...(config?.formats ?? parseFormats(undefined, 'run'))];
  // merge reads report.json: a shard without it could not be combined with the others.
  if (formats && shard && !formats.includes('json')) formats.unshift('json');
  const out = (values.out as string | undefined) ?? config?.out;
  const settings = { scenarios, playbook, seeds, selection };
  return { ...settings, shard, expectedMisses: expectedMisses(values, config), formats, out, commandLine: commandLine(settings, values) };
}
