import { configPlaybook } from '../../formats/rollout/config.js';
import type { ImportFormat } from '../../formats/rollout/imported.js';
import { formatProblem } from '../../formats/source.js';
import { writeAtomic } from '../write-file.js';
import { UsageError, type Io } from '../io.js';
import { loadConfigArgs } from '../playbook-arg.js';
import type { CommandDef } from './command.js';

const KINDS: Record<string, ImportFormat> = { argo: 'argo', flagger: 'flagger', prometheus: 'prometheus' };

export const importCommand: CommandDef = {
  name: 'import',
  usage: 'firedrill import argo|flagger|prometheus FILE... [--metrics-map FILE] [--out FILE]',
  summary: 'write the native playbook equivalent of a real rollout config, to edit or keep',
  help: [
    'Reads an Argo Rollouts Rollout with its AnalysisTemplates, a Flagger Canary with its',
    'MetricTemplates, or Prometheus rule groups, and writes the playbook firedrill runs for it:',
    'the canary steps or weights it walks, the analyses or checks with their PromQL queries, the',
    'alerts with their timing, and the series names the queries use. run, compare, play and fuzz',
    'take the config itself as well; this is for those who want to edit the result.',
    '',
    'Options:',
    '  --metrics-map FILE  metric and label names mapped onto the drill\'s series (written into the playbook)',
    '  --out FILE          write the playbook there (atomically) instead of printing it',
    '',
    'Warnings (unknown fields, what a drill does not simulate) go to stderr as FILE:LINE:COLUMN.',
    'Exit codes: 0 written, 2 bad input.',
    '',
    'Example:',
    '  firedrill import argo rollout.yaml analysis.yaml --out playbooks/recommender.yaml',
  ].join('\n'),
  options: {
    'metrics-map': { type: 'string' },
    out: { type: 'string' },
  },
  run({ positionals, values }, io: Io) {
    const [kind, ...files] = positionals;
    const format = kind === undefined ? undefined : KINDS[kind];
    if (!format) throw new UsageError(kind === undefined ? 'name the kind of config: argo, flagger or prometheus' : `unknown kind '${kind}': expected argo, flagger or prometheus`, 'import');
    if (files.length === 0) throw new UsageError('name the config files', 'import');
    const args = typeof values['metrics-map'] === 'string' ? [...files, values['metrics-map']] : files;
    const { files: read, config } = loadConfigArgs(args, { format });
    for (const w of config.warnings) io.err(`${formatProblem(w)} (warning)\n`);
    // The result must load as a playbook: checked here, so what is written always runs.
    configPlaybook(read, config);
    const text = `# ${config.imported.native.description as string}\n${config.yaml}`;
    if (typeof values.out === 'string') {
      writeAtomic(values.out, text);
      io.err(`wrote ${values.out}\n`);
    } else {
      io.out(text);
    }
    return 0;
  },
};
