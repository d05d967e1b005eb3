/**
 * The description of a world a drill starts from: what `formats` produces from a scenario
 * file and what the core runs. Every duration is integer milliseconds of simulated time.
 */

export type Layer = 'model' | 'serving' | 'features' | 'data';

export type Value = string | number | boolean;
export type Attrs = Readonly<Record<string, Value>>;

export type ComponentKind = 'deployment' | 'config' | 'model' | 'pipeline' | 'dataset' | 'database';

export interface ComponentSpec {
  id: string;
  layer: Layer;
  kind: ComponentKind;
  /** Known versions and the attributes each one brings into the stack (`<id>.<attr>`). */
  versions: Readonly<Record<string, Attrs>>;
  /** Time to switch a non-deployment component to another version: a config push, a registry transition. */
  changeMs: number;
  /**
   * Changed in place, the component disturbs the work in flight: the rule's effect holds for
   * `forMs` at the system's nominal load, longer in proportion under more (see transitions.ts).
   */
  transition?: { forMs: number; rule: RuleSpec };
  deployment?: DeploymentSpec;
  /** Model components: the registry their reference (an alias or a dated version) resolves in. */
  registry?: string;
  database?: DatabaseSpec;
}

export interface DeploymentSpec {
  pool: string;
  replicas: number;
  perPodRps: number;
  startMs: number;
  terminateMs: number;
  maxSurge: number;
  maxUnavailable: number;
  /**
   * A second environment kept beside the live one (blue/green): its version and the pods it
   * keeps running (all the replicas, a few, or none when cold). Traffic switched to it scales it
   * up to the full replicas.
   */
  standby?: { track: string; version: string; replicas: number };
}

export interface PoolSpec {
  id: string;
  slots: number;
}

export interface RegistrySpec {
  id: string;
  provider: string;
  versions: { id: string; attrs: Attrs; retiredAtMs?: number }[];
  /** Floating names the provider can move: alias -> dated version. */
  aliases: Readonly<Record<string, string>>;
}

export interface MigrationSpec {
  from: string;
  to: string;
  kind: 'additive' | 'destructive';
  reversible: boolean;
  upMs: number;
  downMs: number;
}

export interface TableSpec {
  name: string;
  rows: number;
  writeRowsPerS: number;
  /** Existing rows rewritten per second (they do not grow the table, but take the writer's format). */
  updateRowsPerS: number;
  /**
   * Rows are stored in a format: each write stores it in the format the live version of
   * `writer` names in its attribute `attr`. A version that cannot read a format errors on it.
   */
  format?: { initial: string; writer: string; attr: string };
}

export type BackupScope = 'volume' | 'account' | 'offsite' | 'provider';

export interface BackupSpec {
  id: string;
  /** How old the backup is when the drill starts. */
  ageMs: number;
  scope: BackupScope;
  /** Provider-held backups are reached only through the provider's support, after this long. */
  accessMs: number;
}

export interface DatabaseSpec {
  migrations: MigrationSpec[];
  tables: TableSpec[];
  restoreRowsPerS: number;
  restoreBaseMs: number;
  /** Dropped tables stay recoverable this long (0: no soft delete). */
  softDeleteMs: number;
  /** Point-in-time recovery: restore to any instant with its write-ahead log. */
  pitr: boolean;
  backups: BackupSpec[];
  /** Rows that can be rebuilt from an outside system of record, and how fast. */
  rebuild?: { source: string; fraction: number; rowsPerS: number };
}

export interface ReleaseSpec {
  id: string;
  /** component id -> version (model components: an alias or a dated version). */
  versions: Readonly<Record<string, string>>;
  /** Content digest of the bundle: two releases with the same versions have the same digest. */
  digest: string;
}

export interface LatencySpec {
  medianMs: number;
  sigma: number;
}

/** A number, or `$key`: a value read from the stack a request meets. */
export type Param<T extends Value> = T | { ref: string };

export interface RouteSpec {
  name: string;
  /** Share of user buckets, 0..1. */
  weight: number;
  track: string;
  overrides: Readonly<Record<string, string>>;
}

export interface TrafficSpec {
  rps: number;
  users: number;
  /** The deployment whose pods serve requests; without one, capacity is unbounded. */
  deployment?: string;
  latency: LatencySpec;
  baseErrorRate: number;
  baseQuality: number;
  timeoutMs: Param<number>;
  retry: { probability: number; maxAttempts: number };
  /** Requests a route queues before rejecting, in seconds of its capacity. */
  queueS: number;
  fallback?: {
    enabled: Param<boolean>;
    budget: Param<string>;
    latency: LatencySpec;
    errorRate: number;
    quality: number;
  };
  routes: RouteSpec[];
}

export type MetricKind = 'rate' | 'gauge';

/** A business or behaviour metric: a share of requests (rate) or a per-interaction score (gauge). */
export interface MetricSpec {
  name: string;
  kind: MetricKind;
  baseline: number;
  /** Gauges: the spread of one interaction's score. */
  sd: number;
  good: 'high' | 'low';
  description: string;
}

/**
 * A behavioural snapshot suite run on a schedule: a fixed set of known-difficult cases put to
 * the live system, each run scored against the baseline. Its results are metrics
 * (`SUITE.MEASURE`, and `SUITE.drift`, the worst change in percent) that monitors and playbook
 * triggers watch.
 */
export interface SuiteSpec {
  id: string;
  cases: number;
  everyMs: number;
  /** When the first run happens. */
  firstMs: number;
  /** What each case measures of the live model's behaviour: `quality`, or a scenario metric. */
  measures: readonly string[];
}

export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'in';

export interface Condition {
  key: string;
  op: CompareOp;
  value?: Value | readonly Value[];
  /** Compare against another stack key instead of a literal. */
  ref?: string;
}

export type SideEffectClass = 'reversible' | 'compensatable' | 'irreversible';

export interface Effect {
  crash?: boolean;
  errorRate?: number;
  latencyFactor?: number;
  addedLatencyMs?: number;
  capacityFactor?: number;
  /** Added to the share of good responses. */
  quality?: number;
  /** Added to business metrics: rates in shares, gauges in score units. */
  metrics?: Readonly<Record<string, number>>;
  sideEffects?: readonly { kind: string; class: SideEffectClass; perRequest: number }[];
}

export interface RuleSpec {
  id: string;
  when: readonly Condition[];
  effect: Effect;
  explain: string;
  /** Scales the effect by a numeric stack key (0..1), e.g. the share of records in a format. */
  scaleBy?: string;
}

export interface SloSpec {
  metric: string;
  min?: number;
  max?: number;
  windowMs: number;
}

export interface WatchSpec {
  metric: string;
  route?: string;
  above?: number;
  below?: number;
  /** Relative fall from the metric's baseline, in percent. */
  dropPct?: number;
  risePct?: number;
  windowMs: number;
  /** Multi-window alerting: the condition must also hold over this longer window. */
  longWindowMs?: number;
  /** The condition must hold continuously this long. */
  forMs: number;
  /** Requests needed in the window before it may fire. */
  minCount: number;
}

export interface MonitorSpec extends WatchSpec {
  id: string;
}

export type AgentActionSpec =
  | { kind: 'drop-table'; database: string; table: string }
  | { kind: 'destroy'; databases: string[] }
  | { kind: 'delete-volume'; database: string; bypassDelayedDelete: boolean };

export interface AgentSpec {
  id: string;
  privileges: readonly string[];
}

export interface GuardrailSpec {
  deletionProtection: readonly string[];
  leastPrivilege: boolean;
  confirmDestructive: boolean;
  remoteState: boolean;
  delayedDeleteMs: number;
}

export type FaultSpec = { atMs: number } & FaultAction;

export type FaultAction =
  | { type: 'deploy'; release: string; maxUnavailable?: number }
  | { type: 'set-version'; component: string; version: string }
  | { type: 'set'; key: string; value: Value }
  | { type: 'move-alias'; registry: string; alias: string; to: string }
  | { type: 'retire'; registry: string; version: string }
  | { type: 'agent'; agent: string; action: AgentActionSpec }
  | { type: 'traffic'; factor: number; forMs: number }
  | { type: 'rule'; rule: RuleSpec; forMs?: number; rampMs?: number }
  | { type: 'canary'; release: string; stages: { weight: number; holdMs: number }[] }
  | { type: 'switch'; route: string; track: string };

export interface ScenarioSpec {
  id: string;
  title: string;
  layers: readonly Layer[];
  targetMs: number;
  horizonMs: number;
  settleMs: number;
  components: ComponentSpec[];
  pools: PoolSpec[];
  registries: RegistrySpec[];
  releases: ReleaseSpec[];
  initialRelease: string;
  /** Releases deployed before the initial one, oldest first: what `rollback-release` can return to. */
  history: string[];
  traffic: TrafficSpec;
  metrics: MetricSpec[];
  suites: SuiteSpec[];
  rules: RuleSpec[];
  slos: SloSpec[];
  monitors: MonitorSpec[];
  faults: FaultSpec[];
  agents: AgentSpec[];
  guardrails: GuardrailSpec;
  /** With no monitor on what moved, users complain after this long (median 4.5 days in the sources). */
  escalationMs: number;
  /** Initial feature flags and settings: key -> value in the stack. */
  settings: Readonly<Record<string, Value>>;
  /** Action durations that differ from the catalogue's defaults: verb -> base ms. */
  actionMs: Readonly<Record<string, number>>;
  /** The behavioural snapshot suite `verify` runs: cases, and the significance level of its test (a share). */
  snapshotSuite: { cases: number; significance: number };
}
