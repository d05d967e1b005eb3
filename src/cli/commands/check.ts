import { loadPlaybook } from '../../formats/playbook.js';
import { configPlaybook, readConfig, type ConfigFile } from '../../formats/rollout/config.js';
import { FORMAT_TITLES } from '../../formats/rollout/imported.js';
import { worstCases } from '../../formats/rollout/worst-case.js';
import { formatProblem, YamlSource } from '../../formats/source.js';
import { parseDuration } from '../../formats/units.js';
import { checkText, meets, type CheckedConfig } from '../../report/worst-case.js';
import { readInput } from '../files.js';
import { terminalStyle, UsageError, type Io } from '../io.js';
import { playbookFiles } from '../playbook-arg.js';
import type { CommandDef } from './command.js';

const KIND_WORDS: Record<string, string> = { argo: 'Argo Rollouts Rollout', flagger: 'Flagger Canary', prometheus: 'Prometheus alerting rules' };

/** Whether a file holds something that acts (a controller, rules, a playbook) rather than what one reads (templates, a map). */
function acts(f: ConfigFile): boolean {
  return YamlSource.parseAll(f.text, f.file).some(({ data }) => {
    const d = data as Record<string, unknown>;
    return d.kind === 'Rollout' || d.kind === 'Canary' || d.kind === 'PrometheusRule' || 'groups' in d || (d.apiVersion === undefined && 'name' in d);
  });
}

/** Whether a shared file (templates, a map) is of use to a config: templates to the controller that names them, a map to any. */
function serves(shared: ConfigFile, config: ConfigFile[]): boolean {
  const kinds = (fs: ConfigFile[]): Set<unknown> => new Set(fs.flatMap((f) => YamlSource.parseAll(f.text, f.file).map(({ data }) => (data as Record<string, unknown>).kind)));
  const own = kinds(config);
  const theirs = kinds([shared]);
  if (theirs.has('AnalysisTemplate') || theirs.has('ClusterAnalysisTemplate')) return own.has('Rollout');
  if (theirs.has('MetricTemplate')) return own.has('Canary');
  return true;
}

export const checkCommand: CommandDef = {
  name: 'check',
  usage: 'firedrill check CONFIG... [--target DURATION] [--metrics-map FILE] [--json]',
  summary: 'worst-case time to detect and roll back of a real rollout config, by arithmetic, against the target',
  help: [
    'Reads Argo Rollouts Rollouts (with their AnalysisTemplates), Flagger Canaries (with their',
    'MetricTemplates), Prometheus rule groups or native playbooks, and works out, for each signal',
    'they watch, the worst case from a bad release taking traffic to the first sign (a failed',
    'measurement or check, an alert) and on to the abort or rollback, term by term:',
    '  Argo Rollouts   analysis start + initialDelay, then failureLimit x interval',
    '  Flagger         one interval to the first check, then threshold x interval',
    '  Prometheus      the query window + the evaluation interval + for',
    'It also names traps the timing does not show: a pause that waits for a person, an analysis',
    'that can never fail, an inconclusive result that pauses instead of aborting, no rollbackWindow.',
    '',
    'Each CONFIG is a file or files joined with commas; templates and metrics maps given on their',
    'own serve every config. Warnings (unknown fields, what a drill does not simulate) go to stderr.',
    '',
    'Options:',
    '  --target DURATION   the target to meet (default 5m)',
    '  --metrics-map FILE  metric and label names mapped onto the drill\'s series',
    '  --json              print the result as one JSON document',
    '',
    'Exit codes: 0 every signal meets the target, 1 at least one misses it, 2 bad input.',
    '',
    'Example:',
    '  firedrill check scenarios/imports/argo/rollout.yaml scenarios/imports/argo/analysis.yaml',
  ].join('\n'),
  options: {
    target: { type: 'string' },
    'metrics-map': { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ positionals, values }, io: Io) {
    if (positionals.length === 0) throw new UsageError('name at least one config file', 'check');
    const targetMs = values.target === undefined ? 300_000 : parseDuration(String(values.target));
    if (targetMs === undefined || targetMs <= 0) throw new UsageError(`--target must be a duration such as 5m or 90s, got '${String(values.target)}'`, 'check');
    const groups = positionals.map((arg) => playbookFiles(arg).map((file) => ({ file, text: readInput(file) })));
    const extra = playbookFiles('', values['metrics-map'] as string | undefined).map((file) => ({ file, text: readInput(file) }));
    const shared = [...groups.filter((g) => !g.some(acts)).flat(), ...extra];
    const configs = groups.filter((g) => g.some(acts)).map((g) => checkOne([...g, ...shared.filter((f) => serves(f, g))], targetMs, io));
    if (configs.length === 0) throw new UsageError('no Rollout, Canary, rule group or playbook among these files', 'check');
    const pass = configs.every((c) => c.cases.length > 0 && c.cases.every((w) => meets(w, targetMs)));
    if (values.json === true) io.out(`${JSON.stringify({ targetMs, meets: pass, configs }, null, 2)}\n`);
    else io.out(checkText(configs, terminalStyle(io)));
    return pass ? 0 : 1;
  },
};

function checkOne(files: ConfigFile[], targetMs: number, io: Io): CheckedConfig {
  const only = files.length === 1 ? YamlSource.parseAll(files[0]!.text, files[0]!.file) : [];
  const d = only.length === 1 ? (only[0]!.data as Record<string, unknown>) : undefined;
  const native = d !== undefined && d.apiVersion === undefined && d.groups === undefined && 'name' in d;
  if (native) {
    const playbook = loadPlaybook(files[0]!.text, files[0]!.file);
    return { name: playbook.name, kind: 'playbook', files: [files[0]!.file], targetMs, cases: playbook.controller ? worstCases(playbook.controller) : [], traps: [] };
  }
  const config = readConfig(files, { check: true });
  for (const w of config.warnings) io.err(`${formatProblem(w)} (warning)\n`);
  const playbook = configPlaybook(files, config);
  return {
    name: config.imported.name,
    kind: KIND_WORDS[config.imported.format] ?? FORMAT_TITLES[config.imported.format],
    files: files.map((f) => f.file),
    targetMs,
    cases: worstCases(playbook.controller!),
    traps: config.imported.traps,
  };
}
