import { stringify } from 'yaml';
import { compilePlaybook, type Playbook } from '../playbook.js';
import { digestOf } from '../scenario.js';
import { InputError, YamlSource, type Problem } from '../source.js';
import { importArgo } from './argo.js';
import { Findings, placesIn, readDocuments, readShape, type Doc, type WrittenAt } from './documents.js';
import { importFlagger } from './flagger.js';
import { FORMAT_TITLES, type Imported, type ImportFormat } from './imported.js';
import { importPrometheus } from './prometheus.js';
import { emptySeriesMap, mergeSeriesMaps, seriesMapInput, type SeriesMap } from './series-names.js';

export interface ConfigFile {
  file: string;
  text: string;
}

/** A config read: what it is, its native playbook form, and what it said about itself. */
export interface Config {
  imported: Imported;
  /** The native playbook as a YAML document (what `firedrill import` writes). */
  yaml: string;
  warnings: Problem[];
  /** Where each section of the native form was written in the config's own files, by its path. */
  places: Map<string, WrittenAt>;
}

const WHAT: Record<ImportFormat, string> = {
  argo: 'an Argo Rollouts Rollout (apiVersion argoproj.io/v1alpha1, kind Rollout)',
  flagger: 'a Flagger Canary (apiVersion flagger.app/v1beta1, kind Canary)',
  prometheus: 'Prometheus rule groups (groups:, or a PrometheusRule)',
};

/**
 * Reads a rollout config from its files (a Rollout with its AnalysisTemplates, a Canary with
 * its MetricTemplates, rule groups; a metrics map and a native playbook may come with them)
 * into one native playbook. `format` insists on one kind; `check` reads what only a drill
 * needs leniently (a provider the drill cannot query still has a timing to check).
 */
export function readConfig(files: readonly ConfigFile[], options: { format?: ImportFormat; check?: boolean } = {}): Config {
  const findings = new Findings();
  const docs = readDocuments(files, findings);
  findings.throwIfErrors();
  let series = emptySeriesMap();
  for (const d of docs.filter((x) => x.kind === 'metrics-map')) {
    const map = readShape(seriesMapInput, d, [], d.data, findings);
    if (map) series = mergeSeriesMaps(series, map as SeriesMap);
  }
  const present = {
    argo: docs.some((d) => d.kind === 'Rollout'),
    flagger: docs.some((d) => d.kind === 'Canary'),
    prometheus: docs.some((d) => d.kind === 'rules' || d.kind === 'PrometheusRule'),
  };
  const first = docs[0]!;
  const fail = (message: string): never => {
    throw new InputError([{ file: first.source.file, line: 1, column: 1, path: '', message }]);
  };
  if (options.format && !present[options.format]) {
    const found = [...new Set(docs.map((d) => (d.kind === 'rules' ? 'rule groups' : d.kind)))].join(', ');
    fail(`expected ${WHAT[options.format]} in ${files.map((f) => f.file).join(', ')}; found ${found || 'nothing'}`);
  }
  for (const kind of ['Rollout', 'Canary'] as const) {
    const many = docs.filter((d) => d.kind === kind);
    if (many.length > 1) findings.error(many[1]!.source, [], `a second ${kind} (${many[1]!.name}; the first is ${many[0]!.name}): a playbook runs one controller; give their files one at a time`);
  }
  if (present.argo && present.flagger) findings.error(docs.find((d) => d.kind === 'Canary')!.source, [], 'a Flagger Canary beside an Argo Rollout: a playbook runs one controller');
  findings.throwIfErrors();

  let canary: Imported | undefined;
  if (present.argo) canary = importArgo(docs, findings, options.check === true, series);
  else if (present.flagger) {
    const read = importFlagger(docs, findings, series);
    if (read) ({ imported: canary, series } = read);
  }
  const rules = present.prometheus ? importPrometheus(docs, findings, series) : undefined;
  const playbookDocs = docs.filter((d) => d.kind === 'playbook');
  if (playbookDocs.length > 1) findings.error(playbookDocs[1]!.source, [], 'a second playbook: give one playbook with the config it runs');
  findings.throwIfErrors();
  const main = canary ?? rules;
  if (!main) return fail(`no Rollout, Canary or rule group in ${files.map((f) => f.file).join(', ')}: nothing to run or check`);

  const native: Record<string, unknown> = {
    name: main.name,
    description: `${[canary, rules].filter((x) => x).map((x) => `${FORMAT_TITLES[x!.format]} ${x!.name}`).join(' with ')}, imported from ${files.map((f) => f.file).join(', ')}.`,
    ...(canary?.native ?? {}),
  };
  if (rules) {
    native.alerts = rules.native.alerts;
    // Without a playbook of its own, the rules are what the drill acts on: each alert is a trigger.
    if (!canary && playbookDocs.length === 0) native.triggers = rules.native.triggers;
  }
  if (!native.series && hasNames(series)) native.series = series;
  const imported: Imported = { ...main, native, traps: [...(canary?.traps ?? []), ...(rules?.traps ?? [])] };
  return { imported, yaml: nativeYaml(native), warnings: findings.warnings, places: placesIn(native) };
}

/** The playbook a config runs as: its native form compiled, with the digest of the files it came from. */
export function configPlaybook(files: readonly ConfigFile[], config: Config): Playbook {
  const file = files.map((f) => f.file).join(',');
  const digest = digestOf(files.map((f) => f.text).join('\u0000'));
  const own = files.flatMap((f) => YamlSource.parseAll(f.text, f.file)).find((d) => isPlaybookDoc(d.data));
  if (own) {
    // A playbook of the team's own: its errors point into its file; the imported sections join it.
    const merged = { ...(own.data as Record<string, unknown>) };
    for (const key of ['canary', 'analyses', 'alerts', 'series'] as const) if (config.imported.native[key] !== undefined) merged[key] = config.imported.native[key];
    return pointedHome(compilePlaybook(own.source, merged, file, digest), config.places);
  }
  const { source, data } = YamlSource.parse(config.yaml, file);
  try {
    return pointedHome(compilePlaybook(source, data, file, digest), config.places);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new Error(`the playbook imported from ${file} does not load: this is a bug in firedrill\n${e.message}\n${config.yaml}`);
  }
}

/** The playbook with each name it uses placed where the person wrote it (a query, a canary strategy), where known. */
function pointedHome(playbook: Playbook, places: Map<string, WrittenAt>): Playbook {
  const uses = playbook.uses.map((u) => {
    const at = places.get(u.path) ?? places.get(u.path.replace(/\.query$/, ''));
    return at ? { ...u, file: at.file, path: at.path, at: { line: at.line, column: at.column } } : u;
  });
  return { ...playbook, uses };
}

function isPlaybookDoc(d: unknown): boolean {
  const o = d as Record<string, unknown>;
  return o.apiVersion === undefined && 'name' in o && ('triggers' in o || 'steps' in o || 'canary' in o || 'alerts' in o);
}

function hasNames(map: SeriesMap): boolean {
  return Object.keys(map.metrics).length + Object.keys(map.labels).length + Object.keys(map.routes).length > 0;
}

/** The native playbook as a file, its fields in the order a reader wants them. */
export function nativeYaml(native: Record<string, unknown>): string {
  const order = ['name', 'description', 'triggers', 'steps', 'canary', 'analyses', 'alerts', 'series'];
  const sorted = Object.fromEntries(order.filter((k) => native[k] !== undefined).map((k) => [k, native[k]]));
  return stringify(sorted, { lineWidth: 0 });
}

export type { Doc };
