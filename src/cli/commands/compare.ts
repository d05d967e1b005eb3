import { compare, compareText } from '../../report/compare.js';
import { seedsText } from '../../report/sweep/figures.js';
import { UsageError, type Io } from '../io.js';
import { withMetricsMap } from '../playbook-arg.js';
import { outText } from '../fit-width.js';
import { version } from '../library.js';
import { executeSweep } from '../sweep/execute.js';
import { planSweep } from '../sweep/plan.js';
import { textStyle } from '../sweep/run-sweep.js';
import type { CommandDef } from './command.js';
import { seedRange, workerCount } from './run.js';

/** Enough seeds to tell a playbook that passes by luck from one that passes by design. */
const DEFAULT_SEEDS = 50;

export const compareCommand: CommandDef = {
  name: 'compare',
  usage: 'firedrill compare SCENARIO --playbook A --playbook B [--seeds N | --seed N] [--workers N] [--json]',
  summary: 'run two playbooks on one scenario over the same seeds and compare them metric by metric',
  help: [
    'Runs the scenario with playbook A and with playbook B on the same seeds (1 to 50 by default),',
    'then prints, per metric, both values, the difference B - A, and which is better: how often each',
    'met the target, recovery p50/p95/max, detection, mitigation, score, users affected, and more.',
    '',
    'Options:',
    '  --playbook FILE   given twice: A, then B (a file, a built-in name, or reference / naive);',
    '                    human:FILE is the same playbook carried out by people, beside it automated',
    `  --seeds N         seeds 1 to N (default ${DEFAULT_SEEDS}); --seed N for a single seed`,
    '  --workers N       worker threads (default: the number of cores)',
    '  --json            print the comparison as one JSON document on stdout',
    '',
    'Exit codes: 0 the comparison ran (whichever playbook won), 2 bad input, 3 internal error.',
    '',
    'Example:',
    '  firedrill compare ID --playbook naive --playbook reference --seeds 100     (firedrill list shows the ids)',
  ].join('\n'),
  options: {
    playbook: { type: 'string', multiple: true },
    'metrics-map': { type: 'string' },
    seed: { type: 'string' },
    seeds: { type: 'string' },
    workers: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values }, io: Io) {
    if (positionals.length !== 1) throw new UsageError('name one scenario', 'compare');
    const playbooks = ((values.playbook as string[] | undefined) ?? []).map((p) => withMetricsMap(p, values['metrics-map']));
    if (playbooks.length !== 2) throw new UsageError(`give --playbook exactly twice (A and B), got ${playbooks.length}`, 'compare');
    const seeds = values.seed === undefined && values.seeds === undefined ? { first: 1, last: DEFAULT_SEEDS } : seedRange(values, 'compare');
    const plan = planSweep({ command: 'compare', scenarios: positionals, playbooks, seeds, shard: null, firedrill: version() });
    if (plan.cases.length !== 2) throw new UsageError(`give one scenario, not a folder of ${plan.cases.length / 2}`, 'compare');
    const { summary } = await executeSweep(plan, { workers: workerCount(values, 'compare'), details: false });
    const result = compare(summary.cases[0]!, summary.cases[1]!);
    if (values.json) io.out(`${JSON.stringify({ ...result, seeds }, null, 2)}\n`);
    else outText(io, compareText(result, seedsText(plan.header), textStyle(io)));
    return 0;
  },
};
