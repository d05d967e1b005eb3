import type { z } from 'zod';
import { unknownName } from '../../core/names.js';
import { checkQuery, ignoredMatchers } from '../controller.js';
import { formatPath, InputError, YamlSource, type Path, type Problem } from '../source.js';
import type { SeriesMap } from './series-names.js';

/** One YAML document of a config, and where it came from. */
export interface Doc {
  source: YamlSource;
  data: Record<string, unknown>;
  /** What it is: a Kubernetes kind, a Prometheus rules file, a metrics map or a native playbook. */
  kind: DocKind;
  name: string;
}

export type DocKind = 'Rollout' | 'AnalysisTemplate' | 'ClusterAnalysisTemplate' | 'Canary' | 'MetricTemplate' | 'PrometheusRule' | 'rules' | 'metrics-map' | 'playbook' | 'other';

/** The Kubernetes API groups and versions each kind is read from. */
const API: Record<string, { apiVersion: string; kinds: DocKind[] }> = {
  argo: { apiVersion: 'argoproj.io/v1alpha1', kinds: ['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate'] },
  flagger: { apiVersion: 'flagger.app/v1beta1', kinds: ['Canary', 'MetricTemplate'] },
  prometheusOperator: { apiVersion: 'monitoring.coreos.com/v1', kinds: ['PrometheusRule'] },
};

/** A config's warnings (unknown fields, what the drill does not simulate) and errors, each at its place. */
export class Findings {
  readonly warnings: Problem[] = [];
  readonly errors: Problem[] = [];

  warn(source: YamlSource, path: Path, message: string, key?: string): void {
    this.warnings.push(source.problem(path, message, key));
  }

  error(source: YamlSource, path: Path, message: string, key?: string): void {
    this.errors.push(source.problem(path, message, key));
  }

  throwIfErrors(): void {
    if (this.errors.length > 0) throw new InputError(this.errors);
  }
}

/** A place in a file a person wrote. */
export interface WrittenAt {
  file: string;
  line: number;
  column: number;
  /** The field's path in that file. */
  path: string;
}

/**
 * Where each section of a native playbook was written in the config it came from. The native
 * form is generated, so a drill's complaint about it (a query reading a metric the scenario
 * lacks) must point into the person's own file, not into text they never saw.
 */
const WRITTEN = new WeakMap<object, WrittenAt>();

/** Marks a native section as read from `path` of `doc`; returns the section. */
export function writtenAt<T extends object>(section: T, doc: Doc, path: Path): T {
  WRITTEN.set(section, { file: doc.source.file, ...doc.source.locate(path), path: formatPath(path) });
  return section;
}

/** Every marked section of a native tree, by its path in the tree (as `formatPath` writes it). */
export function placesIn(tree: unknown): Map<string, WrittenAt> {
  const out = new Map<string, WrittenAt>();
  const walk = (node: unknown, path: Path): void => {
    if (node === null || typeof node !== 'object') return;
    const at = WRITTEN.get(node);
    if (at) out.set(formatPath(path), at);
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, [...path, i]));
    else for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(tree, []);
  return out;
}

/** Splits files into documents and tells each one's kind; a Kubernetes kind in the wrong API group is an error. */
export function readDocuments(files: readonly { file: string; text: string }[], findings: Findings): Doc[] {
  const docs: Doc[] = [];
  for (const { file, text } of files) {
    for (const { source, data } of YamlSource.parseAll(text, file)) {
      const d = data as Record<string, unknown>;
      docs.push({ source, data: d, kind: kindOf(d, source, findings), name: nameOf(d) });
    }
  }
  return docs;
}

function nameOf(d: Record<string, unknown>): string {
  const meta = d.metadata as { name?: unknown } | undefined;
  if (meta && typeof meta.name === 'string') return meta.name;
  return typeof d.name === 'string' ? d.name : '';
}

function kindOf(d: Record<string, unknown>, source: YamlSource, findings: Findings): DocKind {
  if (d.apiVersion === undefined && d.kind === undefined) {
    if ('groups' in d) return 'rules';
    if ('name' in d && ('triggers' in d || 'steps' in d || 'canary' in d || 'alerts' in d)) return 'playbook';
    if (Object.keys(d).length > 0 && Object.keys(d).every((k) => k === 'metrics' || k === 'labels' || k === 'routes')) return 'metrics-map';
    findings.error(source, [], 'this document is neither a Kubernetes resource (apiVersion, kind), a Prometheus rules file (groups), a metrics map (metrics, labels, routes) nor a playbook (name, triggers, steps)');
    return 'other';
  }
  const kind = d.kind;
  const apiVersion = d.apiVersion;
  if (typeof kind !== 'string') {
    findings.error(source, [], 'missing required field (expected a Kubernetes kind, such as Rollout or Canary)', 'kind');
    return 'other';
  }
  const api = Object.values(API).find((a) => a.kinds.includes(kind as DocKind));
  if (!api) {
    const group = Object.values(API).find((a) => a.apiVersion === apiVersion);
    if (group) findings.error(source, ['kind'], `${unknownName('kind', kind, group.kinds)} (for ${group.apiVersion})`);
    else findings.warn(source, ['kind'], `kind ${kind} is not read: the drill reads Rollout, AnalysisTemplate, ClusterAnalysisTemplate, Canary, MetricTemplate and PrometheusRule`);
    return 'other';
  }
  if (apiVersion !== api.apiVersion) {
    findings.error(source, apiVersion === undefined ? [] : ['apiVersion'], `expected apiVersion ${api.apiVersion} for a ${kind}, got ${apiVersion === undefined ? 'none' : JSON.stringify(apiVersion)}`, apiVersion === undefined ? 'apiVersion' : undefined);
    return 'other';
  }
  return kind as DocKind;
}

/**
 * Validates a document with a strict schema, reporting unknown fields as warnings (a newer
 * version of the tool may know them; a typo is worth seeing) and everything else as errors.
 * Unknown fields are dropped and the rest validated again, so one typo does not hide the others.
 */
export function readShape<T>(schema: z.ZodType<T>, doc: Doc, root: Path, value: unknown, findings: Findings): T | undefined {
  let data = structuredClone(value);
  for (let round = 0; round < 20; round++) {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const unknown = parsed.error.issues.filter((i) => i.code === 'unrecognized_keys');
    const other = parsed.error.issues.filter((i) => i.code !== 'unrecognized_keys');
    if (unknown.length === 0) {
      const located = doc.source.zodProblems({ issues: other.map((i) => ({ ...i, path: [...root, ...i.path] })) } as unknown as z.ZodError);
      findings.errors.push(...located);
      return undefined;
    }
    for (const issue of unknown) {
      for (const key of (issue as { keys: string[] }).keys) {
        findings.warn(doc.source, [...root, ...(issue.path as Path)], `unknown field '${key}' (ignored)`, key);
        const parent = issue.path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown>)[k as PropertyKey], data) as Record<string, unknown>;
        delete parent[key];
      }
    }
  }
  findings.error(doc.source, root, 'too many unknown fields');
  return undefined;
}

/** Go-style duration strings as Kubernetes controllers read them ("5m", "1m30s", "500ms"); a number is seconds. */
export function goDuration(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? Math.round(v * 1000) : undefined;
  if (typeof v !== 'string' || !/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(v.trim())) return undefined;
  let ms = 0;
  for (const m of v.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Math.round(ms);
}

export { formatPath };

/** Checks a query or condition written in a document, reporting its error at the character. */
export function verifyText(doc: Doc, path: Path, text: string, check: (text: string) => { error: string; offset: number } | object, findings: Findings): void {
  const result = check(text);
  if (!('error' in result)) return;
  const { error, offset } = result as { error: string; offset: number };
  const before = text.slice(0, offset).split('\n');
  findings.errors.push(doc.source.problemInside(path, before.length, before[before.length - 1]!.length + 1, error));
}

/** Checks a PromQL query written in a document, and warns about label matchers the drill ignores. */
export function verifyQuery(doc: Doc, path: Path, text: string, series: SeriesMap, findings: Findings, vectorOnly = false): void {
  verifyText(doc, path, text, (q) => checkQuery(q, series, vectorOnly), findings);
  const checked = checkQuery(text, series, vectorOnly);
  if (!('expr' in checked)) return;
  const ignored = ignoredMatchers(checked.expr, series);
  if (ignored.length > 0) {
    const labels = [...new Set(ignored.map((m) => m.slice(m.indexOf('{') + 1).split(/[!=~]/)[0]))];
    findings.warn(doc.source, path, `the drill's series carry no label${labels.length > 1 ? 's' : ''} ${labels.join(' or ')}, so ${ignored.length === 1 ? 'this matcher is' : 'these matchers are'} ignored: ${ignored.join(', ')} (where one tells routes apart, a metrics map's routes can name it)`);
  }
}
