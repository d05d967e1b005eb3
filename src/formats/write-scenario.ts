import { isMap, isNode, parseDocument, Scalar } from 'yaml';
import type { Condition, Effect, FaultSpec, RuleSpec, Value } from '../core/spec.js';

/**
 * Writes scenario files from the world's own terms: faults and rules back into the YAML a
 * person writes, so that loading the text gives the same faults again (test/formats pins the
 * round trip). Durations come out in the largest whole unit: `90s`, `5m`, `2h`.
 */

export function formatDuration(ms: number): string {
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** Top-level fields of a scenario to replace, in the input format (`faults` as written in YAML). */
export type ScenarioPatch = Readonly<Record<string, unknown>>;

/**
 * The base scenario's text with some top-level fields replaced: everything the patch does not
 * name (components, rules, traffic, hints, comments inside) stays as its author wrote it. The
 * leading comment goes, since it may point at files relative to where the base lives.
 */
export function patchScenario(baseText: string, patch: ScenarioPatch): string {
  const doc = parseDocument(baseText);
  doc.commentBefore = null;
  const first = isMap(doc.contents) ? doc.contents.items[0]?.key : undefined;
  if (isNode(first)) first.commentBefore = null;
  for (const [key, value] of Object.entries(patch)) {
    const node = doc.createNode(value);
    // Several lines read best as a literal block, as people write briefings.
    if (node instanceof Scalar && typeof value === 'string' && value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
    doc.set(key, node);
  }
  // No folding of long lines: the author's text stays on the lines it was written on.
  return doc.toString({ lineWidth: 0 });
}

export function faultInput(f: FaultSpec): Record<string, unknown> {
  const at = formatDuration(f.atMs);
  switch (f.type) {
    case 'deploy':
      return { at, deploy: f.release, ...(f.maxUnavailable !== undefined ? { maxUnavailable: f.maxUnavailable } : {}) };
    case 'set-version':
      return { at, setVersion: { component: f.component, version: f.version } };
    case 'set':
      return { at, set: { key: f.key, value: f.value } };
    case 'move-alias':
      return { at, moveAlias: { registry: f.registry, alias: f.alias, to: f.to } };
    case 'retire':
      return { at, retire: { registry: f.registry, version: f.version } };
    case 'agent':
      return { at, agent: f.agent, action: f.action };
    case 'traffic':
      return { at, traffic: { factor: f.factor, for: formatDuration(f.forMs) } };
    case 'rule':
      return {
        at,
        rule: ruleInput(f.rule),
        ...(f.forMs !== undefined ? { for: formatDuration(f.forMs) } : {}),
        ...(f.rampMs !== undefined ? { ramp: formatDuration(f.rampMs) } : {}),
      };
    case 'canary':
      return { at, canary: f.release, stages: f.stages.map((s) => ({ weight: s.weight, hold: formatDuration(s.holdMs) })) };
    case 'switch':
      return { at, switch: { route: f.route, track: f.track } };
  }
}

export function ruleInput(r: RuleSpec): Record<string, unknown> {
  const when: Record<string, Value | readonly Value[]> = {};
  for (const c of r.when) {
    if (c.key in when) throw new Error(`rule ${r.id} has two conditions on ${c.key}: a scenario file keeps one per key`);
    when[c.key] = conditionInput(c);
  }
  return { id: r.id, when, effect: effectInput(r.effect), explain: r.explain, ...(r.scaleBy !== undefined ? { scaleBy: r.scaleBy } : {}) };
}

const SYMBOLS: Record<Condition['op'], string> = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', in: 'in' };

/** The inverse of the loader's condition syntax: `"2.15"`, `">= 2.15"`, `"!= $embedder.schema"`, `[a, b]`. */
function conditionInput(c: Condition): Value | readonly Value[] {
  if (c.op === 'in') return c.value as readonly Value[];
  const rhs = c.ref !== undefined ? `$${c.ref}` : (c.value as Value);
  // A plain string is an equality, unless it reads like an operator or a reference itself.
  if (c.op === 'eq' && c.ref === undefined && (typeof rhs !== 'string' || !/^\s*(==|!=|>=|<=|>|<|\$)/.test(rhs))) return rhs;
  return `${SYMBOLS[c.op]} ${String(rhs)}`;
}

function effectInput(e: Effect): Record<string, unknown> {
  return {
    ...(e.crash !== undefined ? { crash: e.crash } : {}),
    ...(e.errorRate !== undefined ? { errorRate: e.errorRate } : {}),
    ...(e.latencyFactor !== undefined ? { latencyFactor: e.latencyFactor } : {}),
    ...(e.addedLatencyMs !== undefined ? { addedLatency: formatDuration(e.addedLatencyMs) } : {}),
    ...(e.capacityFactor !== undefined ? { capacityFactor: e.capacityFactor } : {}),
    ...(e.quality !== undefined ? { quality: e.quality } : {}),
    ...(e.metrics !== undefined ? { metrics: e.metrics } : {}),
    ...(e.sideEffects !== undefined ? { sideEffects: e.sideEffects } : {}),
  };
}
