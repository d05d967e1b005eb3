import { drillPlaybook } from '../../drill/playbook-runner.js';
import { buildReport, reportJson } from '../../report/report.js';
import { reportText } from '../../report/text.js';
import { paint, UsageError, type Io } from '../io.js';
import { resolvePlaybook, resolveScenario, version } from '../library.js';
import { intOption, type CommandDef } from './command.js';

export const runCommand: CommandDef = {
  name: 'run',
  usage: 'firedrill run SCENARIO --playbook FILE [--seed N] [--json]',
  summary: 'run a scenario against a rollback playbook, headless, and score the recovery',
  help: [
    'Runs the scenario (a file, or the id of a built-in scenario) with the playbook acting as an',
    'automated rollback controller, then prints the verdict, the reasons and the timeline.',
    '',
    'Options:',
    '  --playbook FILE   the playbook (a file, or the name of a built-in playbook)',
    '  --seed N          the drill seed (default 1): same inputs and seed, same report',
    '  --json            print the report as one JSON document on stdout, nothing else',
    '',
    'Exit codes: 0 the target was met, 1 it was missed, 2 bad input, 3 internal error.',
    '',
    'Example (firedrill list shows the scenario ids):',
    '  firedrill run ID --playbook unified-release-rollback --seed 7',
  ].join('\n'),
  options: {
    playbook: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ positionals, values }, io: Io) {
    if (positionals.length !== 1) throw new UsageError('name one scenario', 'run');
    if (typeof values.playbook !== 'string') throw new UsageError('--playbook FILE is required', 'run');
    const seed = intOption(values.seed, 'seed', 1);
    const scenario = resolveScenario(positionals[0]!);
    const playbook = resolvePlaybook(values.playbook);
    const { session, run } = drillPlaybook(scenario, playbook, seed);
    const report = buildReport(session, { firedrill: version(), scenario, playbook, run });
    if (values.json) {
      io.out(reportJson(report));
    } else {
      const replay = `firedrill run ${positionals[0]} --playbook ${values.playbook} --seed ${seed}`;
      io.out(
        reportText(report, replay, {
          verdict: (t, pass) => paint(io, pass ? 'green' : 'red', t),
          dim: (t) => paint(io, 'dim', t),
          bold: (t) => paint(io, 'bold', t),
        }),
      );
    }
    return report.verdict === 'PASS' ? 0 : 1;
  },
};
