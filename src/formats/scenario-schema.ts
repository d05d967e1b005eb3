import { z } from 'zod';
import { MAX_FACTOR, MAX_HORIZON_MS, MAX_NUMBER, MAX_POOL_SLOTS, MAX_RATE_PER_S, MAX_REPLICAS, MIN_HORIZON_MS } from './limits.js';
import { DEFAULT_SIGNIFICANCE, MAX_SUITE_CASES, SUITE_CASES } from '../core/snapshot-suite.js';
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
  pool: id.describe('The slot pool (under pools) its pods run on; crash-looping pods keep their slots.'),
  replicas: z.number().int().positive().max(MAX_REPLICAS).describe('How many pods run it.'),
  perPodRps: z.number().positive().max(MAX_RATE_PER_S).describe('Requests per second one ready pod serves.'),
  start: duration.default(20_000).describe('How long a new pod takes to become ready (20s by default).'),
  terminate: duration.default(2_000).describe('How long an old pod takes to stop and free its slot (2s by default).'),
  maxSurge: countOrPercent.default('25%').describe('Pods a rolling update may start above replicas: a count or a share such as 25%.'),
  maxUnavailable: countOrPercent.default('25%').describe('Pods a rolling update may take away below replicas: a count or a share such as 25%.'),
  standby: z
    .strictObject({
      track: id.describe('The name of the second environment, such as blue or green.'),
      version: version.describe('The version its pods run.'),
      warm: z.boolean().describe('Its pods are running already: a switch to it takes seconds.'),
      replicas: countOrPercent.optional().describe('Pods the standby keeps running while warm: all the replicas unless said (a count or a share of them).'),
    })
    .optional()
    .describe('A second environment of the deployment for blue/green switches; its pods hold slots of the same pool.'),
});

const migration = z.strictObject({
  from: version.describe('The schema version it starts from.'),
  to: version.describe('The schema version it ends at.'),
  kind: z.enum(['additive', 'destructive']).describe('additive keeps what the old code reads; destructive removes or changes it.'),
  reversible: z.boolean().describe('A down migration exists: the schema can go back.'),
  up: duration.describe('How long migrating up takes.'),
  down: duration.default(0).describe('How long migrating down takes.'),
});

const database = z.strictObject({
  migrations: z.array(migration).default([]).describe('The migrations between schema versions.'),
  tables: z
    .array(
      z.strictObject({
        name: id.describe('The table\'s name.'),
        rows: count().describe('Rows when the drill starts.'),
        writesPerS: rate.default(0).describe('Rows inserted per second: the rows a restore from an older backup loses.'),
        updatesPerS: rate.default(0).describe('Rows rewritten per second, without growing the table.'),
        format: z
          .strictObject({
            initial: z.string().describe('The format every row is stored in when the drill starts.'),
            writer: id.describe('The component whose live version decides the format of each write.'),
            attr: z.string().describe('The attribute of the writer\'s version that names the format.'),
          })
          .optional()
          .describe('Rows stored in a format set by the version that wrote them: a version that cannot read a newer format fails on those rows.'),
      }),
    )
    .default([])
    .describe('The tables, their size and write rates.'),
  restoreRowsPerS: rate.positive().default(5_000).describe('Rows a restore brings back per second.'),
  restoreBase: duration.default(120_000).describe('The fixed cost of a restore, before any row comes back (2m by default).'),
  softDelete: duration.default(0).describe('How long a dropped table can still be undeleted (0: no soft delete).'),
  pitr: z.boolean().default(false).describe('Point-in-time recovery: restore to the moment before a loss.'),
  backups: z
    .array(
      z.strictObject({
        id: id.describe('The backup\'s name, for restore --from.'),
        age: duration.describe('How old it is when the drill starts: a restore loses every write since.'),
        scope: z.enum(['volume', 'account', 'offsite', 'provider']).describe('Where it is kept, and so what a deletion takes with it: volume, account, offsite (survives), provider (needs escalate).'),
        access: duration.default(0).describe('How long before it can be used, once asked for (a provider-held snapshot).'),
      }),
    )
    .default([])
    .describe('The backups a restore can use.'),
  rebuild: z
    .strictObject({
      source: z.string().describe('Where the lost rows can be rebuilt from, in words.'),
      fraction: share.describe('The share of lost rows a rebuild recovers.'),
      rowsPerS: rate.positive().describe('Rows rebuilt per second.'),
    })
    .optional()
    .describe('Rows that can be rebuilt from another system after a loss.'),
});

const component = z.strictObject({
  layer: layer.describe('The layer it belongs to: model, serving, features or data.'),
  kind: z
    .enum(['deployment', 'config', 'model', 'pipeline', 'dataset', 'database'])
    .describe('How its versions change: a rollout of pods (deployment), a push, a registry transition, a revert or a switch taking `change`, or migrations (database).'),
  versions: versions.optional().describe('Its versions, oldest first: ["2.14", "2.15"], or a map of version to the attributes it brings into the stack.'),
  change: duration.default(30_000).describe('How long a change of version takes, for every kind but deployment and database (30s by default).'),
  transition: z
    .lazy(() =>
      z.strictObject({
        effect: effect.describe('What happens to the requests while it settles: errors, lost capacity.'),
        for: duration.describe('How long it lasts at the nominal load; longer under more load, shorter under less.'),
        explain: z.string().min(1).describe('Why, in a sentence, for the timeline and the debrief.'),
      }),
    )
    .optional()
    .describe('Changed in place under load, it disturbs the work in flight: this effect, for this long at the nominal load.'),
  deployment: deployment.optional().describe('For a deployment: its pods, pool and rollout limits.'),
  registry: id.optional().describe('For a model: the registry (under registries) whose versions and aliases it names.'),
  database: database.optional().describe('For a database: its migrations, tables, backups and recovery options.'),
});

const registry = z.strictObject({
  provider: z.string().describe('Who serves the models: the name escalate takes.'),
  versions: z.record(z.string(), z.union([attrs, z.null()])).describe('The dated versions the provider serves, each with the attributes it brings into the stack.'),
  aliases: z.record(z.string(), z.string()).default({}).describe('Floating names the provider can move to another dated version, and where each points now.'),
  retired: z.record(z.string(), duration).default({}).describe('Versions the provider retires, and when.'),
});

const latency = z.strictObject({
  median: duration.describe('The median latency of a request.'),
  sigma: z.number().positive().max(3).default(0.5).describe('The spread of the lognormal latency (0.5 by default): larger means a longer tail.'),
});
const param = <T extends z.ZodType>(t: T) => z.union([t, z.string().regex(/^\$[\w.-]+$/, 'expected a value or a $stack.key reference')]);

const traffic = z.strictObject({
  rps: z.number().positive().max(1_000_000).describe('Requests per second from users, before retries.'),
  users: z.number().int().positive().max(1_000_000).default(10_000).describe('How many users send them (10,000 by default), each kept on one route by a hash of their id.'),
  deployment: id.optional().describe('The deployment that serves the requests; without one, capacity is unbounded (a provider API).'),
  latency: latency.describe('Latency of a request, lognormal.'),
  errorRate: share.default(0.001).describe('The share of requests that fail with no rule in force (0.001 by default).'),
  quality: share.default(0.98).describe('The share of good answers with no rule in force (0.98 by default).'),
  timeout: z
    .union([duration, z.string().regex(/^\$[\w.-]+$/)])
    .default(30_000)
    .describe('The client timeout, or a $stack.key that holds it (30s by default): slower requests fail.'),
  retry: z
    .strictObject({
      probability: share.describe('The share of failed requests a client retries.'),
      maxAttempts: z.number().int().min(1).max(10).describe('Attempts at most per request, the first included.'),
    })
    .default({ probability: 0.5, maxAttempts: 3 })
    .describe('How clients retry failed requests: errors raise load.'),
  queue: duration.default(5_000).describe('How long a request waits for capacity before it fails (5s by default).'),
  fallback: z
    .strictObject({
      enabled: param(z.boolean()).describe('Whether requests that time out fall back, or a $stack.key that says so.'),
      budget: param(z.enum(['shared', 'own'])).describe('shared: the fallback spends what is left of the timeout; own: it gets a timeout of its own.'),
      latency: latency.describe('Latency of the fallback, lognormal.'),
      errorRate: share.default(0.01).describe('The share of fallback requests that fail (0.01 by default).'),
      quality: share.default(0.9).describe('The share of good answers from the fallback (0.9 by default).'),
    })
    .optional()
    .describe('A fallback path for requests that time out.'),
  routes: z
    .array(
      z.strictObject({
        name: id.describe('The route\'s name: stable, canary, blue, green; monitors and triggers can watch one.'),
        weight: share.default(0).describe('The share of users it serves; the first route serves what the others leave.'),
        track: id.default('main').describe('The environment of the deployment it sends requests to (main by default).'),
        overrides: z.record(z.string(), version).default({}).describe('Components whose version differs on this route: { recs-model: v9 }.'),
      }),
    )
    .min(1)
    .default([{ name: 'stable', weight: 1, track: 'main', overrides: {} }])
    .describe('How users are split between routes (one stable route by default).'),
});

const metric = z.strictObject({
  kind: z.enum(['rate', 'gauge']).describe('rate: a share of answers (approval rate); gauge: a score per interaction (sentiment).'),
  baseline: number.describe('Its normal value.'),
  sd: number.nonnegative().default(0).describe('For a gauge, the spread of the score between interactions.'),
  good: z.enum(['high', 'low']).describe('Which way is better.'),
  description: z.string().default('').describe('What it measures, for reports.'),
});

const suite = z.strictObject({
  cases: z.number().int().positive().max(100_000).default(500).meta({ description: 'cases in the suite (500 known-difficult cases, as in the sources)' }),
  every: boundedDuration(MAX_HORIZON_MS, 1000).meta({ description: 'how often it runs (24h: daily)' }),
  first: duration.optional().meta({ description: 'when the first run happens (default: one period in)' }),
  measures: z.array(z.string()).min(1).meta({ description: 'what each case measures: quality, or a scenario metric' }),
});

const effect = z.strictObject({
  crash: z.boolean().optional().describe('Pods whose stack matches crash on start: CrashLoopBackOff, 10s doubling to 5m, keeping their slot.'),
  errorRate: share.optional().describe('The share of requests that fail; several rules compound as independent causes.'),
  latencyFactor: factor.optional().describe('Latency multiplied by this.'),
  addedLatency: duration.optional().describe('Latency added to every request.'),
  capacityFactor: factor.optional().describe('The throughput of the serving pods multiplied by this.'),
  quality: z.number().min(-1).max(1).optional().describe('Added to the share of good answers: -0.2 loses a fifth.'),
  metrics: z.record(z.string(), number).optional().describe('Added to business metrics: { approvalRate: -0.08 } (a share for rates, a score for gauges).'),
  sideEffects: z
    .array(
      z.strictObject({
        kind: z.string().describe('What is done: email, payment, contract.'),
        class: z.enum(['reversible', 'compensatable', 'irreversible']).describe('Whether it can be undone, by compensate, or never.'),
        perRequest: share.describe('How many are done per request.'),
      }),
    )
    .optional()
    .describe('Harm done to the outside world per request while the rule is in force.'),
});

export const ruleInput = z.strictObject({
  id: id.describe('The rule\'s name.'),
  when: z
    .record(z.string(), z.union([value, z.array(value)]))
    .default({})
    .describe('The stack it matches: each key a component or stack key, each value a version, a comparison (">= 2.15"), a $key reference or a list of any; {} matches every stack.'),
  effect: effect.describe('What happens to the requests (or pods) whose stack matches.'),
  explain: z.string().min(1).describe('The sentence a debrief needs: why this happens. Reports show it while the rule is in force.'),
  scaleBy: z.string().optional().describe('A numeric stack key (0 to 1) the effect is multiplied by, such as the share of rows in a format.'),
});

export const watchInput = z.strictObject({
  metric: z.string().describe('The metric it reads: errorRate, timeoutRate, latencyP50Ms, latencyP99Ms, quality, requests, rps, capacityRps, queue, retries, or one of the scenario\'s metrics.'),
  route: id.optional().describe('Read the metric on this route only (canary); all routes by default.'),
  above: number.optional().describe('Fires when the metric over the window is above this.'),
  below: number.optional().describe('Fires when the metric over the window is below this.'),
  dropPct: number.positive().optional().describe('Fires when the metric falls this many percent below its baseline.'),
  risePct: number.positive().optional().describe('Fires when the metric rises this many percent above its baseline.'),
  window: duration.default(60_000).describe('The window the metric is averaged over (1m by default).'),
  longWindow: duration.optional().describe('A second, longer window that must agree: a short spike does not fire (5m and 1h).'),
  for: duration.default(0).describe('How long the condition must hold before it fires.'),
  minCount: count().default(0).describe('Requests or interactions the window must hold before it can fire.'),
});

const actedOn = id.describe('The database component it acts on.');
const agentAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('drop-table').describe('Drops a table.'), database: actedOn, table: id.describe('The table it drops.') }),
  z.strictObject({ kind: z.literal('destroy').describe('Destroys infrastructure, as a destroy on a missing state does.'), databases: z.array(id).min(1).describe('The database components it destroys.') }),
  z.strictObject({
    kind: z.literal('delete-volume').describe('Deletes a database\'s volume.'),
    database: actedOn,
    bypassDelayedDelete: z.boolean().default(false).describe('It uses a path that skips the delayed-delete guardrail.'),
  }),
]);

const at = duration.describe('When it happens, from the start of the drill (an inject ignores it: it fires when the facilitator chooses).');

export const faultInput = z.union([
  z.strictObject({
    at,
    deploy: id.describe('Deploys this release: migrations, rollouts, then one switch.'),
    maxUnavailable: countOrPercent.optional().describe('The rollouts\' limit on pods taken away: a count or a share.'),
  }),
  z.strictObject({
    at,
    setVersion: z
      .strictObject({ component: id.describe('The component.'), version: version.describe('Its new version.') })
      .describe('Changes one component\'s version.'),
  }),
  z.strictObject({
    at,
    set: z.strictObject({ key: z.string().describe('The setting or flag: flags.NAME.'), value: value.describe('Its new value.') }).describe('Changes a setting or a flag.'),
  }),
  z.strictObject({
    at,
    moveAlias: z
      .strictObject({
        registry: id.describe('The registry.'),
        alias: z.string().describe('The floating name.'),
        to: z.string().describe('The dated version it now points to.'),
      })
      .describe('The provider moves an alias.'),
  }),
  z.strictObject({
    at,
    retire: z.strictObject({ registry: id.describe('The registry.'), version: z.string().describe('The dated version retired.') }).describe('The provider retires a version.'),
  }),
  z.strictObject({ at, agent: id.describe('The agent (under agents) that acts.'), action: agentAction.describe('What it does, unless a guardrail blocks it.') }),
  z.strictObject({
    at,
    traffic: z
      .strictObject({ factor: factor.describe('Traffic multiplied by this.'), for: duration.describe('For how long.') })
      .describe('A traffic spike.'),
  }),
  z.strictObject({
    at,
    rule: ruleInput.describe('A rule put in force: a dependency slowing down, a version going bad, drift.'),
    for: duration.optional().describe('How long it stays in force; for good when absent.'),
    ramp: duration.optional().describe('It grows from nothing to its full effect over this time (drift).'),
  }),
  z.strictObject({
    at,
    canary: id.describe('The release rolled out to a route named canary.'),
    stages: z
      .array(z.strictObject({ weight: share.describe('The share of users on the canary.'), hold: duration.describe('How long it holds before the next stage.') }))
      .min(1)
      .describe('The stages, such as 1%, 10%, 50%, 100%.'),
  }),
  z.strictObject({
    at,
    switch: z
      .strictObject({ route: id.describe('The route switched.'), track: id.describe('The environment it now serves from.') })
      .describe('A blue/green cutover.'),
  }),
]);

/** A hint: its text, unlocking one step after the hint before it, or at `after` (counted from detection). */
const hint = z
  .union([
    z.string().min(1),
    z.strictObject({ text: z.string().min(1).describe('The hint.'), after: duration.meta({ description: 'when the hint unlocks, counted from detection (90s, 2m)' }) }),
  ])
  .meta({ description: 'a hint: a string, unlocking a minute after the hint before it, or { text, after }' });

export const MIN_HINTS = 3;
export const MAX_HINTS = 6;
const HINTS_EXPECTED = `expected ${MIN_HINTS} to ${MAX_HINTS} hints, in order: where to look, which signal, the mechanism, the play`;

export const scenarioInput = z.strictObject({
  id: id.describe('The scenario\'s id: also its file name, and what firedrill run ID takes.'),
  title: z.string().min(1).describe('One line: the incident, as a team would name it.'),
  layers: z.array(layer).min(1).describe('The layers it touches: model, serving, features, data.'),
  source: z
    .strictObject({
      incident: z.string().describe('The real incident it replays, in a sentence or two.'),
      article: z.string().describe('Where that incident is told.'),
    })
    .describe('The real incident behind the scenario.'),
  briefing: z.string().min(1).describe('What the team is told at the start: what they see, never the answer.'),
  hints: z
    .array(hint)
    .min(MIN_HINTS, HINTS_EXPECTED)
    .max(MAX_HINTS, HINTS_EXPECTED)
    .describe(`${MIN_HINTS} to ${MAX_HINTS} hints, in order: where to look, which signal, the mechanism, the play.`),
  /** The rollback patterns the scenario teaches, by the names in patterns.ts (checked by the compiler, with a suggestion). */
  patterns: z
    .array(z.string().meta({ enum: PATTERN_NAMES, description: 'a rollback pattern the scenario teaches' }))
    .default([])
    .describe('The rollback patterns it teaches: the training curriculum groups its levels by them.'),
  lesson: z.string().min(1).describe('What the debrief teaches: the mechanism, and the pattern that avoids it.'),
  guardrail: z.string().optional().describe('For a scenario no playbook can recover in time: the guardrail that would have prevented it.'),
  playbooks: z
    .strictObject({
      naive: id.describe('What teams often do: meant to miss the target, for the incident\'s own reason.'),
      reference: id.describe('What meets the target.'),
    })
    .describe('The two playbooks of the scenario, by name (in playbooks/).'),
  /** Set on a scenario no playbook can recover in time: the variant with the missing guardrail. */
  guardedVariant: id.optional().describe('For a scenario no playbook can recover in time: the variant where the guardrail is on.'),
  /** Set on a guarded variant: the scenario it guards. */
  variantOf: id.optional().describe('For a guarded variant: the scenario it guards.'),
  target: boundedDuration(MAX_HORIZON_MS).default(300_000).describe('The time to recover, from detection, that a drill must meet (5m by default).'),
  horizon: boundedDuration(MAX_HORIZON_MS, MIN_HORIZON_MS).default(7_200_000).describe('How long the drill may run at most (2h by default).'),
  settle: duration.default(60_000).describe('How long the SLOs and a consistent world must hold to count as recovered (1m by default).'),
  escalation: duration.default(388_800_000).describe('When users escalate what no monitor catches (4.5 days by default, the median detection delay without behavioural monitoring).'),
  pools: z.record(z.string(), z.number().int().positive().max(MAX_POOL_SLOTS)).default({}).describe('Slot pools by name, each with its number of slots, shared by the deployments that name it.'),
  components: z.record(z.string(), component).describe('The components of the system, by name.'),
  registries: z.record(z.string(), registry).default({}).describe('Model registries by name: the dated versions a provider serves, and its aliases.'),
  releases: z.record(z.string(), z.record(z.string(), version)).describe('Releases by name, each a version of every component: immutable bundles.'),
  initial: id.describe('The release running when the drill starts.'),
  history: z.array(id).default([]).describe('The releases before it, oldest first: where rollback-release goes back to.'),
  traffic: traffic.describe('The users and their requests.'),
  metrics: z.record(z.string(), metric).default({}).describe('Business and behaviour metrics by name: approval rate, false negatives, sentiment.'),
  suites: z.record(z.string(), suite).default({}).describe('Behavioural snapshot suites by name: a fixed set of cases run on a schedule and compared with the baseline.'),
  settings: z.record(z.string(), value).default({}).describe('Settings and flags (flags.NAME) in the stack, changed at run time by set and flag.'),
  rules: z.array(ruleInput).default([]).describe('How each combination of versions and settings behaves: the one mechanism for compatibility and behaviour.'),
  slos: z
    .record(
      z.string(),
      z.strictObject({
        min: number.optional().describe('The metric must stay at or above this.'),
        max: number.optional().describe('The metric must stay at or below this.'),
        window: duration.default(10_000).describe('The window it is averaged over (10s by default).'),
      }),
    )
    .describe('SLOs by metric: impact starts when one breaks, and recovery needs all of them met.'),
  monitors: z
    .array(watchInput.extend({ id: id.describe('The alert\'s name.') }))
    .default([])
    .describe('The alerts that exist: what nothing monitors is found only when users escalate.'),
  faults: z.array(faultInput).default([]).describe('The incident: world changes at fixed times.'),
  injects: z
    .array(
      z.strictObject({
        id: id.describe('The inject\'s name.'),
        description: z.string().describe('What the facilitator reads aloud to the team.'),
        fault: faultInput.describe('What it does, when fired (its at is ignored).'),
      }),
    )
    .default([])
    .describe('The facilitator\'s twists in a tabletop drill, fired when the facilitator chooses.'),
  agents: z
    .record(z.string(), z.strictObject({ privileges: z.array(z.string()).describe('What its token may do: sql:ddl, sql:dml, infra:destroy, volume:delete.') }))
    .default({})
    .describe('Agents by name, with the privileges of their tokens.'),
  guardrails: z
    .strictObject({
      deletionProtection: z.array(id).default([]).describe('Databases that cannot be deleted or destroyed.'),
      leastPrivilege: z.boolean().default(false).describe('Agents hold only the privileges their task needs: no DDL, destroy or volume deletion.'),
      confirmDestructive: z.boolean().default(false).describe('Destructive actions wait for a person to confirm.'),
      remoteState: z.boolean().default(false).describe('Remote, versioned infrastructure state: a destroy plan sees the live resources.'),
      delayedDelete: duration.default(0).describe('Deleted volumes can be recovered for this long (0: off).'),
    })
    .default({ deletionProtection: [], leastPrivilege: false, confirmDestructive: false, remoteState: false, delayedDelete: 0 })
    .describe('The guardrails that are on: an agent\'s action runs unless one blocks it.'),
  actionTimes: z.record(z.string(), duration).default({}).describe('Base durations of operator commands for this scenario, by verb: { rollback: 2m }.'),
  snapshotSuite: z
    .strictObject({
      cases: z.number().int().positive().max(MAX_SUITE_CASES).default(SUITE_CASES).describe(`Known-difficult cases in the suite (${SUITE_CASES} by default).`),
      significance: share
        .refine((v) => v > 0 && v < 1, 'expected a significance level above 0 and below 100%')
        .default(DEFAULT_SIGNIFICANCE)
        .describe('How rarely an unchanged system may fail the suite: the level of its one-sided test (1% by default).'),
    })
    .default({ cases: SUITE_CASES, significance: DEFAULT_SIGNIFICANCE })
    .describe('The behavioural snapshot suite verify runs: its size and the significance of its test.'),
});

export type ScenarioInput = z.infer<typeof scenarioInput>;
export type HintInput = z.infer<typeof hint>;
export type FaultInput = z.infer<typeof faultInput>;
export type RuleInput = z.infer<typeof ruleInput>;
export type WatchInput = z.infer<typeof watchInput>;
