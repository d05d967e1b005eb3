import { z } from 'zod';
import { unknownName } from '../../core/names.js';
import type { Path } from '../source.js';
import { checkCondition, checkQuery } from '../controller.js';
import { goDuration, readShape, verifyQuery, verifyText, writtenAt, type Doc, type Findings } from './documents.js';
import type { SeriesMap } from './series-names.js';
import { durationText, type Imported } from './imported.js';

/**
 * Argo Rollouts: a Rollout's canary strategy and the AnalysisTemplates its analyses name, read
 * with the fields and defaults of docs/features/specification.md and docs/features/analysis.md.
 */

const loose = z.unknown().optional();
const intOrString = z.union([z.number().int(), z.string()]);
const arg = z.strictObject({ name: z.string().min(1), value: z.union([z.string(), z.number()]).optional(), valueFrom: loose });
const templateRef = z.strictObject({ templateName: z.string().min(1), clusterScope: z.boolean().optional() });
const dryRun = z.array(z.strictObject({ metricName: z.string() })).optional();
const analysisRef = z.strictObject({
  templates: z.array(templateRef).min(1),
  args: z.array(arg).optional(),
  startingStep: z.number().int().nonnegative().optional(),
  dryRun,
  measurementRetention: loose,
  analysisRunMetadata: loose,
});

const step = z.strictObject({
  setWeight: z.number().int().min(0).max(100).optional(),
  pause: z.strictObject({ duration: z.union([z.string(), z.number()]).optional() }).optional(),
  analysis: analysisRef.omit({ startingStep: true }).optional(),
  experiment: loose,
  setCanaryScale: loose,
  setHeaderRoute: loose,
  setMirrorRoute: loose,
  plugin: loose,
  replicaProgressThreshold: loose,
});
const STEP_KINDS = Object.keys(step.shape);

const rolloutSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Rollout'),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.strictObject({
    replicas: loose,
    selector: loose,
    template: loose,
    workloadRef: loose,
    minReadySeconds: loose,
    revisionHistoryLimit: loose,
    paused: z.boolean().optional(),
    progressDeadlineSeconds: z.number().int().positive().optional(),
    progressDeadlineAbort: z.boolean().optional(),
    restartAt: loose,
    rollbackWindow: z.strictObject({ revisions: z.number().int().nonnegative() }).optional(),
    analysis: loose,
    strategy: z.strictObject({
      canary: z
        .strictObject({
          canaryService: loose,
          stableService: loose,
          pingPong: loose,
          canaryMetadata: loose,
          stableMetadata: loose,
          maxUnavailable: loose,
          maxSurge: loose,
          scaleDownDelaySeconds: loose,
          minPodsPerReplicaSet: loose,
          scaleDownDelayRevisionLimit: loose,
          analysis: analysisRef.optional(),
          steps: z.array(step).optional(),
          antiAffinity: loose,
          trafficRouting: loose,
          abortScaleDownDelaySeconds: z.number().int().nonnegative().optional(),
          dynamicStableScale: loose,
        })
        .optional(),
      blueGreen: loose,
    }),
  }),
  status: loose,
});

const PROVIDERS = ['prometheus', 'web', 'job', 'datadog', 'newRelic', 'wavefront', 'kayenta', 'cloudWatch', 'graphite', 'influxdb', 'skywalking', 'plugin'];
const metricSchema = z.strictObject({
  name: z.string().min(1),
  interval: z.string().optional(),
  initialDelay: z.string().optional(),
  count: intOrString.optional(),
  successCondition: z.string().optional(),
  failureCondition: z.string().optional(),
  failureLimit: intOrString.optional(),
  inconclusiveLimit: intOrString.optional(),
  consecutiveErrorLimit: intOrString.optional(),
  consecutiveSuccessLimit: intOrString.optional(),
  provider: z.record(z.string(), z.unknown()),
});
const prometheusProvider = z.strictObject({
  address: loose,
  query: z.string().min(1),
  timeout: loose,
  insecure: loose,
  headers: loose,
  authentication: loose,
  rangeQuery: loose,
});

const templateSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.enum(['AnalysisTemplate', 'ClusterAnalysisTemplate']),
  metadata: z.looseObject({ name: z.string().min(1) }),
  spec: z.strictObject({
    args: z.array(arg).optional(),
    metrics: z.array(z.unknown()).optional(),
    templates: z.array(templateRef).optional(),
    dryRun,
    measurementRetention: loose,
  }),
});

type Template = z.output<typeof templateSchema> & { doc: Doc };
type Ref = z.output<typeof analysisRef>;

/** Reads the one Rollout among the documents into the native playbook form. */
export function importArgo(docs: Doc[], findings: Findings, check: boolean, series: SeriesMap): Imported | undefined {
  const rollouts = docs.filter((d) => d.kind === 'Rollout');
  if (rollouts.length !== 1) return undefined;
  const doc = rollouts[0]!;
  const rollout = readShape(rolloutSchema, doc, [], doc.data, findings);
  const templates = docs
    .filter((d) => d.kind === 'AnalysisTemplate' || d.kind === 'ClusterAnalysisTemplate')
    .map((d) => ({ ...readShape(templateSchema, d, [], d.data, findings), doc: d }) as Template)
    .filter((t) => t.spec !== undefined);
  if (!rollout) return undefined;
  const canary = rollout.spec.strategy.canary;
  if (!canary) {
    findings.error(doc.source, ['spec', 'strategy'], rollout.spec.strategy.blueGreen ? 'the drill runs canary strategies: a blueGreen Rollout has no steps to walk (strategy.canary expected)' : 'missing required field (expected strategy.canary)');
    return undefined;
  }
  const traps: string[] = [];
  const analyses: Record<string, unknown[]> = {};
  const runs = new Reader(doc, templates, findings, check, series);
  const steps: unknown[] = [];
  (canary.steps ?? []).forEach((s, i) => {
    const path: Path = ['spec', 'strategy', 'canary', 'steps', i];
    const kinds = STEP_KINDS.filter((k) => (s as Record<string, unknown>)[k] !== undefined);
    if (kinds.length !== 1) return findings.error(doc.source, path, `a step holds exactly one of ${STEP_KINDS.join(', ')}; this one has ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`);
    if (s.setWeight !== undefined) return void steps.push({ weight: `${s.setWeight}%` });
    if (s.pause !== undefined) {
      if (s.pause.duration === undefined) {
        traps.push(`step ${i + 1} is a pause with no duration: the rollout waits there for a person to promote it, and a background analysis keeps the canary's users on it meanwhile`);
        return void steps.push({ pause: 'until-resumed' });
      }
      const ms = goDuration(s.pause.duration);
      if (ms === undefined) return findings.error(doc.source, [...path, 'pause', 'duration'], `expected a duration such as 30s, 10m or 1h (or a number of seconds), got ${JSON.stringify(s.pause.duration)}`);
      return void steps.push({ pause: durationText(ms) });
    }
    if (s.analysis !== undefined) {
      const name = `${s.analysis.templates.map((t) => t.templateName).join('+')} (step ${i + 1})`;
      analyses[name] = runs.metrics(s.analysis, [...path, 'analysis'], true);
      return void steps.push({ analysis: [name] });
    }
    findings.warn(doc.source, path, `step ${i + 1} (${kinds[0]}) is not simulated: the drill moves traffic with setWeight, waits with pause and analyses with analysis`);
  });
  if (steps.length === 0) {
    findings.error(doc.source, ['spec', 'strategy', 'canary'], canary.steps === undefined ? 'missing required field (expected steps: a canary with no steps is promoted at once)' : 'no step the drill can run');
    return undefined;
  }
  const native: Record<string, unknown> = { canary: writtenAt({ steps }, doc, ['spec', 'strategy', 'canary']) };
  if (canary.analysis) {
    const name = canary.analysis.templates.map((t) => t.templateName).join('+');
    analyses[name] = runs.metrics(canary.analysis, ['spec', 'strategy', 'canary', 'analysis'], false);
    (native.canary as Record<string, unknown>).analysis = { run: [name], fromStep: canary.analysis.startingStep ?? 0 };
  }
  if (Object.keys(analyses).length > 0) native.analyses = analyses;
  else traps.push('no analysis: nothing measures the canary, so nothing aborts it; every step runs to promotion');
  if (rollout.spec.rollbackWindow === undefined) traps.push('no rollbackWindow: going back to the previous revision later re-runs every step and analysis (docs/features/rollback.md), so a rollback after promotion takes as long as the rollout');
  const deadlineS = rollout.spec.progressDeadlineSeconds ?? 600;
  if (rollout.spec.progressDeadlineAbort !== true) traps.push(`progressDeadlineAbort is off: a canary whose pods never become ready is marked degraded after ${deadlineS}s (progressDeadlineSeconds) but not aborted`);
  traps.push(...runs.traps);
  return {
    format: 'argo',
    name: rollout.metadata.name,
    native,
    traps,
    warnings: [],
  };
}

/** Turns a Rollout's analysis reference into native measurements: templates merged, args filled. */
class Reader {
  readonly traps: string[] = [];

  constructor(
    private readonly rollout: Doc,
    private readonly templates: Template[],
    private readonly findings: Findings,
    private readonly check: boolean,
    private readonly series: SeriesMap,
  ) {}

  metrics(ref: Ref, path: Path, inline: boolean): unknown[] {
    const out: unknown[] = [];
    const rolloutArgs = new Map((ref.args ?? []).map((a) => [a.name, a.value === undefined ? undefined : String(a.value)]));
    ref.templates.forEach((t, i) => {
      const template = this.find(t.templateName, t.clusterScope === true, [...path, 'templates', i, 'templateName']);
      if (!template) return;
      for (const found of this.expand(template, new Set())) out.push(...this.templateMetrics(found, rolloutArgs, ref, inline));
    });
    return out;
  }

  private find(name: string, cluster: boolean, path: Path): Template | undefined {
    const kind = cluster ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
    const t = this.templates.find((x) => x.kind === kind && x.metadata.name === name);
    if (!t) {
      const names = this.templates.filter((x) => x.kind === kind).map((x) => x.metadata.name);
      this.findings.error(this.rollout.source, path, `${unknownName(kind, name, names)}: give the file that holds it (${kind === 'AnalysisTemplate' ? 'clusterScope: true reads a ClusterAnalysisTemplate' : 'a ClusterAnalysisTemplate'})`);
    }
    return t;
  }

  /** A template and the templates it names in turn (docs: "Analysis Template referencing other Analysis Templates"). */
  private expand(t: Template, seen: Set<string>): Template[] {
    if (seen.has(t.metadata.name)) return [];
    seen.add(t.metadata.name);
    const nested = (t.spec.templates ?? []).flatMap((r, i) => {
      const found = this.find(r.templateName, r.clusterScope === true, ['spec', 'templates', i, 'templateName']);
      return found ? this.expand(found, seen) : [];
    });
    return [t, ...nested];
  }

  private templateMetrics(t: Template, rolloutArgs: Map<string, string | undefined>, ref: Ref, inline: boolean): unknown[] {
    const args = new Map<string, string | undefined>();
    for (const a of t.spec.args ?? []) args.set(a.name, a.value === undefined ? undefined : String(a.value));
    for (const [k, v] of rolloutArgs) if (v !== undefined) args.set(k, v);
    const dry = [...(t.spec.dryRun ?? []), ...(ref.dryRun ?? [])].map((d) => new RegExp(`^(?:${d.metricName})$`));
    const out: unknown[] = [];
    (t.spec.metrics ?? []).forEach((raw, i) => {
      const path: Path = ['spec', 'metrics', i];
      const filled = this.fill(raw, args, t.doc, path);
      const m = readShape(metricSchema, t.doc, path, filled, this.findings);
      if (!m) return;
      out.push(...this.metric(m, t, path, dry.some((r) => r.test(m.name)), inline));
    });
    return out;
  }

  private metric(m: z.output<typeof metricSchema>, t: Template, path: Path, dryRun: boolean, inline: boolean): unknown[] {
    const source = t.doc.source;
    const providers = Object.keys(m.provider);
    let query: string | undefined;
    if (m.provider.prometheus !== undefined) {
      query = readShape(prometheusProvider, t.doc, [...path, 'provider', 'prometheus'], m.provider.prometheus, this.findings)?.query;
      if (query !== undefined) verifyQuery(t.doc, [...path, 'provider', 'prometheus', 'query'], query, this.series, this.findings);
    } else if (!this.check) {
      const named = providers[0] ?? 'none';
      this.findings.error(source, [...path, 'provider'], `provider ${PROVIDERS.includes(named) ? named : `'${named}'`} is not simulated: the drill answers Prometheus queries (firedrill check still reads its timing)`);
      return [];
    }
    const int = (v: string | number | undefined, field: string, fallback: number): number => {
      if (v === undefined) return fallback;
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isInteger(n)) this.findings.error(source, [...path, field], `expected a whole number, got ${JSON.stringify(v)}`);
      return n;
    };
    const ms = (v: string | undefined, field: string): number | undefined => {
      if (v === undefined) return undefined;
      const d = goDuration(v);
      if (d === undefined) this.findings.error(source, [...path, field], `expected a duration such as 30s, 5m or 1h, got ${JSON.stringify(v)}`);
      return d;
    };
    for (const field of ['successCondition', 'failureCondition'] as const) {
      const text = m[field];
      if (text !== undefined) verifyText(t.doc, [...path, field], text, checkCondition, this.findings);
    }
    const every = ms(m.interval, 'interval');
    if (every !== undefined && every < 1000) this.findings.error(source, [...path, 'interval'], 'expected an interval of at least 1s: the drill measures once a second at most');
    const count = int(m.count, 'count', 0);
    const failureLimit = int(m.failureLimit, 'failureLimit', 0);
    if (m.consecutiveSuccessLimit !== undefined) this.findings.warn(source, [...path, 'consecutiveSuccessLimit'], 'consecutiveSuccessLimit is not simulated: the drill judges by failureLimit and count');
    if (count === 0 && inline && every !== undefined) {
      this.findings.error(source, [...path, 'count'], 'an inline analysis with count 0 is never executed (docs/features/analysis.md); give a count');
    }
    const measurements = count > 0 ? count : every === undefined ? 1 : null;
    if (measurements !== null && failureLimit >= 0 && measurements <= failureLimit) {
      this.traps.push(`${m.name}: count ${measurements} is not more than failureLimit ${failureLimit}, so its failed measurements can never exceed the limit: this analysis never fails`);
    }
    if (failureLimit < 0) this.traps.push(`${m.name}: failureLimit -1 disables failing on measurements: only errors or an inconclusive result stop the rollout`);
    if (m.successCondition !== undefined && m.failureCondition !== undefined) {
      this.traps.push(`${m.name}: with both conditions, a measurement that meets neither is Inconclusive: the rollout pauses for a person instead of aborting`);
    }
    if (dryRun) this.traps.push(`${m.name} runs in dry-run mode: it is measured but never aborts the rollout`);
    const native: Record<string, unknown> = { name: m.name, query: query ?? 'vector(0)' };
    if (every !== undefined) native.every = durationText(every);
    if (count > 0) native.count = count;
    const delay = ms(m.initialDelay, 'initialDelay');
    if (delay) native.initialDelay = durationText(delay);
    if (m.successCondition !== undefined) native.successCondition = m.successCondition;
    if (m.failureCondition !== undefined) native.failureCondition = m.failureCondition;
    native.failureLimit = failureLimit;
    if (m.inconclusiveLimit !== undefined) native.inconclusiveLimit = int(m.inconclusiveLimit, 'inconclusiveLimit', 0);
    if (m.consecutiveErrorLimit !== undefined) native.consecutiveErrorLimit = int(m.consecutiveErrorLimit, 'consecutiveErrorLimit', 4);
    if (dryRun) native.dryRun = true;
    return [writtenAt(native, t.doc, query !== undefined ? [...path, 'provider', 'prometheus', 'query'] : path)];
  }

  /** Fills `{{args.name}}` (and `{{ args.name }}`) in every string of a metric. */
  private fill(value: unknown, args: Map<string, string | undefined>, doc: Doc, path: Path): unknown {
    if (typeof value === 'string') {
      return value.replace(/\{\{\s*args\.([A-Za-z0-9_.-]+)\s*\}\}/g, (whole, name: string) => {
        const v = args.get(name);
        if (v !== undefined) return v;
        this.findings.error(doc.source, path, args.has(name) ? `arg '${name}' has no value: the Rollout gives none and the template no default` : `${unknownName('arg', name, [...args.keys()])} in ${whole}`);
        return whole;
      });
    }
    if (Array.isArray(value)) return value.map((v, i) => this.fill(v, args, doc, [...path, i]));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.fill(v, args, doc, [...path, k])]));
    return value;
  }
}
