import { z } from 'zod';
import { MAX_FACTOR, MAX_HORIZON_MS, MAX_NUMBER, MAX_POOL_SLOTS, MAX_RATE_PER_S, MAX_REPLICAS, MIN_HORIZON_MS } from './limits.js';
import { PATTERN_NAMES } from './patterns.js';
import { boundedDuration, count, countOrPercent, duration, id, share, version } from './units.js';

const layer = z.enum(['model', 'serving', 'features', 'data']);
/** Any number a file states that has no narrower bound: finite, and within MAX_NUMBER either way. */
const number = z.number().min(-MAX_NUMBER).max(MAX_NUMBER);
const rate = z.number().nonnegative().max(MAX_RATE_PER_S);
const factor = z.number().positive().max(MAX_FACTOR);
const value = z.union([z.string(), number, z.boolean()]);
const attrs = z.record(z.string(), value);

/** `["2.14", "2.15"]`, or a map of version to the attributes it brings into the stack. */
const versions = z.union([z.array(version).min(1), z.record(z.string(), attrs.nullable())]);

const deployment = z.strictObject({
  pool: id,
  replicas: z.number().int().positive().max(MAX_REPLICAS),
  perPodRps: z.number().positive().max(MAX_RATE_PER_S),
  start: duration.default(20_000),
  terminate: duration.default(2_000),
  maxSurge: countOrPercent.default('25%'),
  maxUnavailable: countOrPercent.default('25%'),
  standby: z.strictObject({ track: id, version, warm: z.boolean() }).optional(),
});

const migration = z.strictObject({
  from: version,
  to: version,
  kind: z.enum(['additive', 'destructive']),
  reversible: z.boolean(),
  up: duration,
  down: duration.default(0),
});

const database = z.strictObject({
  migrations: z.array(migration).default([]),
  tables: z
    .array(
      z.strictObject({
        name: id,
        rows: count(),
        writesPerS: rate.default(0),
        updatesPerS: rate.default(0),
        format: z.strictObject({ initial: z.string(), writer: id, attr: z.string() }).optional(),
      }),
    )
    .default([]),
  restoreRowsPerS: rate.positive().default(5_000),
  restoreBase: duration.default(120_000),
  softDelete: duration.default(0),
  pitr: z.boolean().default(false),
  backups: z
    .array(
      z.strictObject({
        id,
        age: duration,
        scope: z.enum(['volume', 'account', 'offsite', 'provider']),
        access: duration.default(0),
      }),
    )
    .default([]),
  rebuild: z.strictObject({ source: z.string(), fraction: share, rowsPerS: rate.positive() }).optional(),
});

const component = z.strictObject({
  layer,
  kind: z.enum(['deployment', 'config', 'model', 'pipeline', 'dataset', 'database']),
  versions: versions.optional(),
  change: duration.default(30_000),
  deployment: deployment.optional(),
  registry: id.optional(),
  database: database.optional(),
});

const registry = z.strictObject({
  provider: z.string(),
  versions: z.record(z.string(), z.union([attrs, z.null()])),
  aliases: z.record(z.string(), z.string()).default({}),
  retired: z.record(z.string(), duration).default({}),
});

const latency = z.strictObject({ median: duration, sigma: z.number().positive().max(3).default(0.5) });
const param = <T extends z.ZodType>(t: T) => z.union([t, z.string().regex(/^\$[\w.-]+$/, 'expected a value or a $stack.key reference')]);

const traffic = z.strictObject({
  rps: z.number().positive().max(1_000_000),
  users: z.number().int().positive().max(1_000_000).default(10_000),
  deployment: id.optional(),
  latency,
  errorRate: share.default(0.001),
  quality: share.default(0.98),
  timeout: z.union([duration, z.string().regex(/^\$[\w.-]+$/)]).default(30_000),
  retry: z.strictObject({ probability: share, maxAttempts: z.number().int().min(1).max(10) }).default({ probability: 0.5, maxAttempts: 3 }),
  queue: duration.default(5_000),
  fallback: z
    .strictObject({
      enabled: param(z.boolean()),
      budget: param(z.enum(['shared', 'own'])),
      latency,
      errorRate: share.default(0.01),
      quality: share.default(0.9),
    })
    .optional(),
  routes: z
    .array(z.strictObject({ name: id, weight: share.default(0), track: id.default('main'), overrides: z.record(z.string(), version).default({}) }))
    .min(1)
    .default([{ name: 'stable', weight: 1, track: 'main', overrides: {} }]),
});

const metric = z.strictObject({
  kind: z.enum(['rate', 'gauge']),
  baseline: number,
  sd: number.nonnegative().default(0),
  good: z.enum(['high', 'low']),
  description: z.string().default(''),
});

const suite = z.strictObject({
  cases: z.number().int().positive().max(100_000).default(500).meta({ description: 'cases in the suite (500 known-difficult cases, as in the sources)' }),
  every: boundedDuration(MAX_HORIZON_MS, 1000).meta({ description: 'how often it runs (24h: daily)' }),
  first: duration.optional().meta({ description: 'when the first run happens (default: one period in)' }),
  measures: z.array(z.string()).min(1).meta({ description: 'what each case measures: quality, or a scenario metric' }),
});

const effect = z.strictObject({
  crash: z.boolean().optional(),
  errorRate: share.optional(),
  latencyFactor: factor.optional(),
  addedLatency: duration.optional(),
  capacityFactor: factor.optional(),
  quality: z.number().min(-1).max(1).optional(),
  metrics: z.record(z.string(), number).optional(),
  sideEffects: z.array(z.strictObject({ kind: z.string(), class: z.enum(['reversible', 'compensatable', 'irreversible']), perRequest: share })).optional(),
});

export const ruleInput = z.strictObject({
  id,
  when: z.record(z.string(), z.union([value, z.array(value)])).default({}),
  effect,
  explain: z.string().min(1),
  scaleBy: z.string().optional(),
});

export const watchInput = z.strictObject({
  metric: z.string(),
  route: id.optional(),
  above: number.optional(),
  below: number.optional(),
  dropPct: number.positive().optional(),
  risePct: number.positive().optional(),
  window: duration.default(60_000),
  longWindow: duration.optional(),
  for: duration.default(0),
  minCount: count().default(0),
});

const agentAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('drop-table'), database: id, table: id }),
  z.strictObject({ kind: z.literal('destroy'), databases: z.array(id).min(1) }),
  z.strictObject({ kind: z.literal('delete-volume'), database: id, bypassDelayedDelete: z.boolean().default(false) }),
]);

export const faultInput = z.union([
  z.strictObject({ at: duration, deploy: id, maxUnavailable: countOrPercent.optional() }),
  z.strictObject({ at: duration, setVersion: z.strictObject({ component: id, version }) }),
  z.strictObject({ at: duration, set: z.strictObject({ key: z.string(), value }) }),
  z.strictObject({ at: duration, moveAlias: z.strictObject({ registry: id, alias: z.string(), to: z.string() }) }),
  z.strictObject({ at: duration, retire: z.strictObject({ registry: id, version: z.string() }) }),
  z.strictObject({ at: duration, agent: id, action: agentAction }),
  z.strictObject({ at: duration, traffic: z.strictObject({ factor, for: duration }) }),
  z.strictObject({ at: duration, rule: ruleInput, for: duration.optional(), ramp: duration.optional() }),
  z.strictObject({ at: duration, canary: id, stages: z.array(z.strictObject({ weight: share, hold: duration })).min(1) }),
  z.strictObject({ at: duration, switch: z.strictObject({ route: id, track: id }) }),
]);

/** A hint: its text, unlocking one step after the hint before it, or at `after` (counted from detection). */
const hint = z
  .union([z.string().min(1), z.strictObject({ text: z.string().min(1), after: duration.meta({ description: 'when the hint unlocks, counted from detection (90s, 2m)' }) })])
  .meta({ description: 'a hint: a string, unlocking a minute after the hint before it, or { text, after }' });

export const MIN_HINTS = 3;
export const MAX_HINTS = 6;
const HINTS_EXPECTED = `expected ${MIN_HINTS} to ${MAX_HINTS} hints, in order: where to look, which signal, the mechanism, the play`;

export const scenarioInput = z.strictObject({
  id,
  title: z.string().min(1),
  layers: z.array(layer).min(1),
  source: z.strictObject({ incident: z.string(), article: z.string() }),
  briefing: z.string().min(1),
  hints: z.array(hint).min(MIN_HINTS, HINTS_EXPECTED).max(MAX_HINTS, HINTS_EXPECTED),
  /** The rollback patterns the scenario teaches, by the names in patterns.ts (checked by the compiler, with a suggestion). */
  patterns: z.array(z.string().meta({ enum: PATTERN_NAMES, description: 'a rollback pattern the scenario teaches' })).default([]),
  lesson: z.string().min(1),
  guardrail: z.string().optional(),
  playbooks: z.strictObject({ naive: id, reference: id }),
  /** Set on a scenario no playbook can recover in time: the variant with the missing guardrail. */
  guardedVariant: id.optional(),
  /** Set on a guarded variant: the scenario it guards. */
  variantOf: id.optional(),
  target: boundedDuration(MAX_HORIZON_MS).default(300_000),
  horizon: boundedDuration(MAX_HORIZON_MS, MIN_HORIZON_MS).default(7_200_000),
  settle: duration.default(60_000),
  escalation: duration.default(388_800_000),
  pools: z.record(z.string(), z.number().int().positive().max(MAX_POOL_SLOTS)).default({}),
  components: z.record(z.string(), component),
  registries: z.record(z.string(), registry).default({}),
  releases: z.record(z.string(), z.record(z.string(), version)),
  initial: id,
  history: z.array(id).default([]),
  traffic,
  metrics: z.record(z.string(), metric).default({}),
  suites: z.record(z.string(), suite).default({}),
  settings: z.record(z.string(), value).default({}),
  rules: z.array(ruleInput).default([]),
  slos: z.record(z.string(), z.strictObject({ min: number.optional(), max: number.optional(), window: duration.default(10_000) })),
  monitors: z.array(watchInput.extend({ id })).default([]),
  faults: z.array(faultInput).default([]),
  injects: z.array(z.strictObject({ id, description: z.string(), fault: faultInput })).default([]),
  agents: z.record(z.string(), z.strictObject({ privileges: z.array(z.string()) })).default({}),
  guardrails: z
    .strictObject({
      deletionProtection: z.array(id).default([]),
      leastPrivilege: z.boolean().default(false),
      confirmDestructive: z.boolean().default(false),
      remoteState: z.boolean().default(false),
      delayedDelete: duration.default(0),
    })
    .default({ deletionProtection: [], leastPrivilege: false, confirmDestructive: false, remoteState: false, delayedDelete: 0 }),
  actionTimes: z.record(z.string(), duration).default({}),
});

export type ScenarioInput = z.infer<typeof scenarioInput>;
export type HintInput = z.infer<typeof hint>;
export type FaultInput = z.infer<typeof faultInput>;
export type RuleInput = z.infer<typeof ruleInput>;
export type WatchInput = z.infer<typeof watchInput>;
