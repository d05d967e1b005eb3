import { z } from 'zod';
import type { Path } from '../source.js';
import { goDuration, readShape, verifyQuery, writtenAt, type Doc, type Findings } from './documents.js';
import { durationText, type Imported } from './imported.js';
import type { SeriesMap } from './series-names.js';

/**
 * Prometheus alerting rules: a rules file's groups (or a PrometheusRule's spec.groups), read
 * as docs/configuration/recording_rules.md and alerting_rules.md describe them: a group is
 * evaluated every `interval` (default: the global evaluation_interval, 1m), an alert fires once
 * its expression has held at every evaluation for `for`, and keeps firing `keep_firing_for`
 * after it stops holding.
 */

/** The global evaluation_interval's default (docs/configuration/configuration.md). */
export const DEFAULT_EVALUATION_INTERVAL_MS = 60_000;

const ruleSchema = z.strictObject({
  alert: z.string().min(1).optional(),
  record: z.string().min(1).optional(),
  expr: z.union([z.string().min(1), z.number()]),
  for: z.string().optional(),
  keep_firing_for: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
const groupSchema = z.strictObject({
  name: z.string().min(1),
  interval: z.string().optional(),
  query_offset: z.string().optional(),
  limit: z.number().int().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  partial_response_strategy: z.string().optional(),
  rules: z.array(z.unknown()),
});

/** Reads every rule group among the documents into native alerts, each a trigger of the playbook. */
export function importPrometheus(docs: Doc[], findings: Findings, series: SeriesMap): Imported | undefined {
  const files = docs.filter((d) => d.kind === 'rules' || d.kind === 'PrometheusRule');
  if (files.length === 0) return undefined;
  const alerts: Record<string, unknown>[] = [];
  const traps: string[] = [];
  const recorded = new Set<string>();
  const groupNames: string[] = [];
  for (const doc of files) {
    const root: Path = doc.kind === 'PrometheusRule' ? ['spec', 'groups'] : ['groups'];
    const groups = root.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k as string], doc.data);
    if (!Array.isArray(groups)) {
      findings.error(doc.source, root.slice(0, -1), 'missing required field (expected groups: a list of rule groups)', 'groups');
      continue;
    }
    groups.forEach((raw, g) => {
      const group = readShape(groupSchema, doc, [...root, g], raw, findings);
      if (!group) return;
      groupNames.push(group.name);
      let everyMs = DEFAULT_EVALUATION_INTERVAL_MS;
      if (group.interval !== undefined) {
        const ms = goDuration(group.interval);
        if (ms === undefined || ms === 0) findings.error(doc.source, [...root, g, 'interval'], `expected a duration such as 30s or 1m, got ${JSON.stringify(group.interval)}`);
        else everyMs = ms;
      }
      group.rules.forEach((rawRule, r) => {
        const path: Path = [...root, g, 'rules', r];
        const rule = readShape(ruleSchema, doc, path, rawRule, findings);
        if (!rule) return;
        if ((rule.alert === undefined) === (rule.record === undefined)) return findings.error(doc.source, path, 'a rule is either an alert or a record (exactly one of the two)');
        if (rule.record !== undefined) {
          recorded.add(rule.record);
          return findings.warn(doc.source, [...path, 'record'], `recording rule ${rule.record} is not evaluated: an alert that reads it finds no series`);
        }
        const expr = String(rule.expr);
        const reads = [...recorded].find((name) => new RegExp(`(^|[^A-Za-z0-9_:])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_:])`).test(expr));
        if (reads) return findings.error(doc.source, [...path, 'expr'], `reads the recording rule ${reads}, which the drill does not evaluate: write its expression in the alert`);
        verifyQuery(doc, [...path, 'expr'], expr, series, findings, true);
        const forMs = duration(rule.for, doc, [...path, 'for'], findings);
        const keepMs = duration(rule.keep_firing_for, doc, [...path, 'keep_firing_for'], findings);
        const annotations = rule.annotations ?? {};
        const alert: Record<string, unknown> = { name: rule.alert!, query: expr, every: durationText(everyMs) };
        if (forMs > 0) alert.for = durationText(forMs);
        if (keepMs > 0) alert.keepFiringFor = durationText(keepMs);
        const summary = annotations.summary ?? annotations.description;
        if (summary !== undefined) alert.summary = summary;
        const runbook = annotations.runbook_url ?? annotations.runbook;
        if (runbook !== undefined) alert.runbook = runbook;
        else traps.push(`alert ${rule.alert} has no runbook_url annotation: whoever is paged starts without one`);
        alerts.push(writtenAt(alert, doc, [...path, 'expr']));
      });
    });
  }
  if (alerts.length === 0) {
    if (findings.errors.length === 0) findings.error(files[0]!.source, [], 'no alerting rule in these rule groups');
    return undefined;
  }
  const names = [...new Set(alerts.map((a) => a.name as string))];
  return {
    format: 'prometheus',
    name: groupNames.join('+'),
    native: { alerts, triggers: names.map((alert) => ({ alert })) },
    traps,
    warnings: [],
  };
}

function duration(v: string | undefined, doc: Doc, path: Path, findings: Findings): number {
  if (v === undefined) return 0;
  const ms = goDuration(v.replace(/(\d+)d/g, (_, d: string) => `${Number(d) * 24}h`));
  if (ms === undefined) findings.error(doc.source, path, `expected a duration such as 5m or 1h, got ${JSON.stringify(v)}`);
  return ms ?? 0;
}
