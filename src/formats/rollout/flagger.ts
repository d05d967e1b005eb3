import { z } from 'zod';
import { unknownName } from '../../core/names.js';
import type { Path } from '../source.js';
import { goDuration, readShape, verifyQuery, writtenAt, type Doc, type Findings } from './documents.js';
import { durationText, type Imported } from './imported.js';
import { mergeSeriesMaps, type SeriesMap } from './series-names.js';

/**
 * Flagger: a Canary's analysis and the MetricTemplates its metrics name, with the defaults of
 * pkg/apis/flagger/v1beta1/canary.go (interval 60s and at least 10s, threshold 1, metric
 * interval 1m, maxWeight 100) and the documentation's usage/deployment-strategies.md and
 * usage/metrics.md.
 */

const loose = z.unknown().optional();
const metricSchema = z.strictObject({
  name: z.string().min(1),
  interval: z.string().optional(),
  threshold: z.number().optional(),
  thresholdRange: z.strictObject({ min: z.number().optional(), max: z.number().optional() }).optional(),
  query: z.string().optional(),
  templateRef: z.strictObject({ name: z.string().min(1), namespace: z.string().optional() }).optional(),
  templateVariables: z.record(z.string(), z.string()).optional(),
});
const webhookSchema = z.strictObject({
  type: z.string().optional(),
  name: z.string().min(1),
  url: z.string(),
  muteAlert: loose,
  timeout: loose,
  metadata: loose,
  retries: loose,
  disableTLS: loose,
});
const analysisSchema = z.strictObject({
  interval: z.string().optional(),
  iterations: z.number().int().nonnegative().optional(),
  mirror: loose,
  mirrorWeight: loose,
  maxWeight: z.number().int().min(0).max(100).optional(),
  stepWeight: z.number().int().min(0).max(100).optional(),
  stepWeights: z.array(z.number().int().min(0).max(100)).optional(),
  stepWeightPromotion: loose,
  threshold: z.number().int().nonnegative().optional(),
  primaryReadyThreshold: loose,
  canaryReadyThreshold: loose,
  alerts: loose,
  metrics: z.array(z.unknown()).optional(),
  webhooks: z.array(z.unknown()).optional(),
  match: loose,
  sessionAffinity: loose,
});
const canarySchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Canary'),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.strictObject({
    provider: loose,
    metricsServer: loose,
    targetRef: z.looseObject({ name: z.string().min(1) }),
    autoscalerRef: loose,
    ingressRef: loose,
    routeRef: loose,
    upstreamRef: loose,
    service: z.looseObject({ name: z.string().optional() }).optional(),
    analysis: z.unknown().optional(),
    canaryAnalysis: z.unknown().optional(),
    progressDeadlineSeconds: z.number().int().positive().optional(),
    skipAnalysis: z.boolean().optional(),
    revertOnDeletion: loose,
    suspend: loose,
  }),
  status: loose,
});
const templateSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('MetricTemplate'),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.strictObject({
    provider: z.looseObject({ type: z.string().optional() }),
    query: z.string().min(1),
  }),
});

/**
 * Flagger's two builtin checks, on the simulated series: the canary's share of non-5xx
 * responses in percent, and its P99 latency in milliseconds, over the metric's interval.
 */
const BUILTIN: Record<string, (interval: string) => string> = {
  'request-success-rate': (i) => `sum(rate(requests_total{route="canary",code!~"5.."}[${i}])) / sum(rate(requests_total{route="canary"}[${i}])) * 100`,
  'request-duration': (i) => `histogram_quantile(0.99, sum by (le) (rate(request_duration_milliseconds_bucket{route="canary"}[${i}])))`,
};

const GATES = ['confirm-rollout', 'confirm-traffic-increase', 'confirm-promotion'];

/**
 * The names a Flagger config gives the two routes: the canary runs as the target Deployment,
 * the stable version as `<target>-primary` (its pods `<target>-<hash>` and `<target>-primary-<hash>`).
 */
export function flaggerSeries(target: string, namespace: string): SeriesMap {
  const routeLabels = (workload: string): Record<string, string> => ({
    destination_workload: workload,
    deployment: workload,
    workload,
    kubernetes_pod_name: `${workload}-6b7c8d9f5-x2k4p`,
    pod: `${workload}-6b7c8d9f5-x2k4p`,
    destination_workload_namespace: namespace,
    namespace,
  });
  return { metrics: {}, labels: {}, routes: { canary: routeLabels(target), stable: routeLabels(`${target}-primary`) } };
}

/** Reads the one Canary among the documents into the native playbook form. */
export function importFlagger(docs: Doc[], findings: Findings, series: SeriesMap): { imported: Imported; series: SeriesMap } | undefined {
  const canaries = docs.filter((d) => d.kind === 'Canary');
  if (canaries.length !== 1) return undefined;
  const doc = canaries[0]!;
  const canary = readShape(canarySchema, doc, [], doc.data, findings);
  if (!canary) return undefined;
  const key = canary.spec.analysis !== undefined ? 'analysis' : 'canaryAnalysis';
  const analysis = readShape(analysisSchema, doc, ['spec', key], canary.spec[key] ?? {}, findings);
  if (!analysis) return undefined;
  const at = (...p: Path): Path => ['spec', key, ...p];
  const traps: string[] = [];
  const target = canary.spec.targetRef.name;
  const namespace = canary.metadata.namespace ?? 'default';
  const withRoutes = mergeSeriesMaps(flaggerSeries(target, namespace), series);

  let everyMs = 60_000;
  if (analysis.interval !== undefined) {
    const ms = goDuration(analysis.interval);
    if (ms === undefined) findings.error(doc.source, at('interval'), `expected a duration such as 30s or 1m, got ${JSON.stringify(analysis.interval)}`);
    else if (ms < 10_000) {
      findings.warn(doc.source, at('interval'), 'Flagger runs the analysis at least 10s apart: read as 10s');
      everyMs = 10_000;
    } else everyMs = ms;
  }
  const threshold = analysis.threshold && analysis.threshold > 0 ? analysis.threshold : 1;
  const weights = canaryWeights(analysis, doc, at, findings);
  if (canary.spec.skipAnalysis) traps.push('skipAnalysis is true: Flagger promotes the canary without checking it');

  const templates = docs.filter((d) => d.kind === 'MetricTemplate');
  const checks: unknown[] = [];
  (analysis.metrics ?? []).forEach((raw, i) => {
    const m = readShape(metricSchema, doc, at('metrics', i), raw, findings);
    if (!m) return;
    const interval = m.interval ?? '1m';
    if (goDuration(interval) === undefined) findings.error(doc.source, at('metrics', i, 'interval'), `expected a duration such as 30s or 1m, got ${JSON.stringify(interval)}`);
    const range = m.thresholdRange ?? (m.threshold !== undefined ? (m.name === 'request-duration' ? { max: m.threshold } : { min: m.threshold }) : undefined);
    let query: string | undefined;
    let where: { doc: Doc; path: Path } = { doc, path: at('metrics', i, 'query') };
    if (m.templateRef) {
      const t = templates.find((x) => x.name === m.templateRef!.name);
      if (!t) {
        findings.error(doc.source, at('metrics', i, 'templateRef', 'name'), `${unknownName('MetricTemplate', m.templateRef.name, templates.map((x) => x.name))}: give the file that holds it`);
        return;
      }
      const tpl = readShape(templateSchema, t, [], t.data, findings);
      if (!tpl) return;
      const type = tpl.spec.provider.type ?? 'prometheus';
      if (type !== 'prometheus') {
        findings.error(t.source, ['spec', 'provider', 'type'], `provider '${type}' is not simulated: the drill answers Prometheus queries`);
        return;
      }
      const vars: Record<string, string> = { name: canary.metadata.name, namespace, target, service: canary.spec.service?.name ?? target, ingress: target, interval };
      query = fillTemplate(tpl.spec.query, vars, m.templateVariables ?? {}, t, findings);
      where = { doc: t, path: ['spec', 'query'] };
    } else if (m.query !== undefined) {
      query = m.query;
    } else if (BUILTIN[m.name]) {
      query = BUILTIN[m.name]!(interval);
    } else {
      findings.error(doc.source, at('metrics', i, 'name'), `${unknownName('builtin metric', m.name, Object.keys(BUILTIN))}: a custom metric needs a templateRef`);
      return;
    }
    verifyQuery(where.doc, where.path, query, withRoutes, findings);
    if (!range || (range.min === undefined && range.max === undefined)) traps.push(`metric ${m.name} has no thresholdRange: it never fails a check`);
    checks.push(writtenAt({ name: m.name, query, ...(range?.min !== undefined ? { min: range.min } : {}), ...(range?.max !== undefined ? { max: range.max } : {}) }, where.doc, where.path));
  });
  if (checks.length === 0) traps.push('no metric checks: only webhooks could fail the canary, and the drill assumes they answer 200');

  const gates: unknown[] = [];
  (analysis.webhooks ?? []).forEach((raw, i) => {
    const w = readShape(webhookSchema, doc, at('webhooks', i), raw, findings);
    if (!w) return;
    const type = w.type ?? 'rollout';
    if (GATES.includes(type)) {
      // Flagger's load tester answers /gate/approve with 200 and /gate/halt with 403.
      const open = !/\/gate\/(halt|check)\b/.test(w.url);
      if (!open) traps.push(`webhook ${w.name} (${type}) is a manual gate: the canary halts there until a person opens it`);
      else if (!/\/gate\/approve\b/.test(w.url)) findings.warn(doc.source, at('webhooks', i, 'url'), `the drill assumes gate ${w.name} approves at once (it cannot call ${w.url})`);
      gates.push({ name: w.name, on: type, open });
    } else if (type === 'rollout' || type === 'pre-rollout') {
      findings.warn(doc.source, at('webhooks', i), `the drill assumes webhook ${w.name} (${type}) answers 200: a failing one would count as a failed check`);
    }
  });

  const native = { canary: writtenAt({ every: durationText(everyMs), failedChecks: threshold, weights: weights.map((w) => `${w}%`), checks, gates }, doc, at()), series: withRoutes };
  return { imported: { format: 'flagger', name: canary.metadata.name, native, traps, warnings: [] }, series: withRoutes };
}

/**
 * The weights Flagger walks (scheduler.go nextStepWeight and runCanary): stepWeights as given,
 * or from stepWeight up by stepWeight until maxWeight (default 100) is reached or passed.
 */
function canaryWeights(a: z.output<typeof analysisSchema>, doc: Doc, at: (...p: Path) => Path, findings: Findings): number[] {
  if (a.stepWeights && a.stepWeights.length > 0) return a.stepWeights;
  if (a.iterations && !a.stepWeight) {
    findings.error(doc.source, at('iterations'), 'an A/B or blue/green canary (iterations, no stepWeight) routes no share of users to walk: the drill runs progressive traffic shifting (stepWeight or stepWeights)');
    return [];
  }
  const step = a.stepWeight ?? 0;
  if (step <= 0) {
    findings.error(doc.source, at(), 'missing required field (expected stepWeight or stepWeights)', 'stepWeight');
    return [];
  }
  const max = a.maxWeight && a.maxWeight > 0 ? a.maxWeight : 100;
  const out: number[] = [];
  for (let w = 0; w < max; ) {
    w = Math.min(100, w + step);
    out.push(w);
  }
  return out;
}

/** Fills a MetricTemplate's Go template variables: `{{ target }}`, `{{ interval }}`, `{{ variables.x }}`. */
function fillTemplate(query: string, vars: Record<string, string>, variables: Record<string, string>, doc: Doc, findings: Findings): string {
  return query.replace(/\{\{\s*\.?([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g, (whole, name: string) => {
    if (name.startsWith('variables.')) {
      const v = variables[name.slice('variables.'.length)];
      if (v !== undefined) return v;
    } else if (vars[name] !== undefined) return vars[name]!;
    findings.error(doc.source, ['spec', 'query'], `${unknownName('template variable', name, [...Object.keys(vars), ...Object.keys(variables).map((k) => `variables.${k}`)])} in ${whole}`);
    return whole;
  });
}
