import type { DrillResult } from '../../src/core/result.js';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import type { Session } from '../../src/drill/session.js';
import { byHand } from '../../src/formats/playbook.js';
import { playbook, scenario } from '../helpers.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const LESSONS = 'AI Rollback Strategies: Lessons from Failures';
const PLAYBOOKS = 'Playbooks for Rolling Back Problematic AI-Generated Deployments';

/** One drill of the table: a built-in scenario, its naive or reference playbook or another, automated or by hand. */
export interface FigureDrill {
  scenario: string;
  playbook: 'naive' | 'reference' | string;
  byHand?: true;
  /** Seeds 1 to this; the figure is the median over them. */
  seeds: number;
  /** A longer horizon than the scenario's own, where the figure lies beyond it. */
  horizonMs?: number;
}

/**
 * How close the simulation must come: within a factor either way, within a share either way,
 * at most a bound, or exactly.
 */
export type Tolerance = { factor: number } | { share: number } | { atMost: true } | { exact: true } | { atLeast: true };

export interface SourceFigure {
  /** The figure as the article gives it, in its words. */
  claim: string;
  article: string;
  /** The figure, in the unit `show` prints. */
  expected: number;
  tolerance: Tolerance;
  drill: FigureDrill;
  /** What the drill is measured by, read from the drill's world and result. */
  measure: string;
  read(session: Session, r: DrillResult): number;
  show(value: number): string;
  /**
   * Set where the scenario takes the figure as an input (a restore's duration, a pool's size):
   * the drill then shows the mechanisms carry it through, not that it emerges.
   */
  input?: string;
  /** Set where the simulation does not reproduce the figure: why. The row then reports the gap. */
  gap?: string;
}

const clock = (ms: number): string => {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
};
const count = (n: number): string => n.toLocaleString('en-US');
const percent = (x: number): string => `${Number((x * 100).toFixed(1))}%`;

/** Every figure the articles give for an incident the library replays, the drill that reproduces it, and how closely. */
export const SOURCE_FIGURES: SourceFigure[] = [
  {
    claim: 'a CrashLoopBackOff in 200 pods overwhelmed the 200-slot pool',
    article: LESSONS,
    expected: 200,
    tolerance: { exact: true },
    drill: { scenario: 'payment-schema-rollback', playbook: 'naive', seeds: 5 },
    measure: 'pods of payment-api crash-looping while holding a slot of the pool, at the end',
    read: (s) => s.drill.world.fleet.get('payment-api').pods.filter((p) => p.phase === 'crashloop' && p.holdsSlot).length,
    show: count,
    input: 'the fleet (200 replicas) and the pool (200 slots) are the source’s; that every pod crash-loops and keeps its slot comes from the rules and the pods',
  },
  {
    claim: 'a 98-minute outage, the code rolled back by hand and only later the database',
    article: LESSONS,
    expected: 98 * MIN,
    tolerance: { factor: 2 },
    drill: { scenario: 'payment-schema-rollback', playbook: 'code-rollback-then-release', byHand: true, seeds: 20 },
    measure: 'outage, impact to recovered, people rolling the code back, then forward, then the release',
    read: (_s, r) => r.outageMs ?? Number.POSITIVE_INFINITY,
    show: clock,
    gap:
      'people carrying out this sequence recover in about half an hour: the page, reading, two rollouts that each stall for ten minutes before Kubernetes gives up, an approval. The rest of the 98 minutes is the time the team took to work out that the schema had to go back, which nothing published lets the simulator model without fitting it',
  },
  {
    claim: 'a four-hour database restoration from backups',
    article: LESSONS,
    expected: 4 * HOUR,
    tolerance: { share: 0.1 },
    drill: { scenario: 'agent-drop-table', playbook: 'reference', seeds: 5 },
    measure: 'outage, impact to recovered (the drill recovers only once the restore is done)',
    read: (_s, r) => r.outageMs ?? Number.POSITIVE_INFINITY,
    show: clock,
    input: 'the restore’s fixed cost (3 h 50 min) is the scenario’s; that recovery waits for it comes from the data mechanism',
  },
  {
    claim: 'the restore from backups loses what was written since (no soft deletes, no point-in-time recovery)',
    article: LESSONS,
    expected: 1,
    tolerance: { atLeast: true },
    drill: { scenario: 'agent-drop-table', playbook: 'reference', seeds: 5 },
    measure: 'rows lost for good: written after the nightly backup',
    read: (_s, r) => r.counts.rowsLost,
    show: count,
  },
  {
    claim: '1,943,200 rows from a single database table were wiped',
    article: LESSONS,
    expected: 1_943_200,
    tolerance: { share: 0.01 },
    drill: { scenario: 'terraform-destroy', playbook: 'naive', seeds: 1 },
    measure: 'rows in the table when the destroy took it',
    read: (s) => s.drill.world.databases.get('courses-db')!.tables[0]!.lostRows ?? 0,
    show: count,
    input: 'the table’s size is the source’s; the destroy takes it and every snapshot in the account',
  },
  {
    claim: 'recovery took 24 hours, through the provider’s support and an internal snapshot',
    article: LESSONS,
    expected: 24 * HOUR,
    tolerance: { share: 0.1 },
    drill: { scenario: 'terraform-destroy', playbook: 'reference', seeds: 3 },
    measure: 'recovery, from detection: the escalation, the wait for the snapshot, the restore',
    read: (_s, r) => r.recoverMs ?? Number.POSITIVE_INFINITY,
    show: clock,
    input: 'the provider’s access time (24 h) is the scenario’s; the restore on top and the recovery waiting for both come from the mechanisms',
  },
  {
    claim: 'the agent deleted the production database and its volume-level backups in just nine seconds',
    article: LESSONS,
    expected: 9_000,
    tolerance: { atMost: true },
    drill: { scenario: 'token-deletes-volume', playbook: 'naive', seeds: 1 },
    measure: 'from the agent’s call to the database deleted with its volume snapshots (the delayed delete skipped; the simulation deletes at once)',
    read: (s) => {
      const run = s.drill.world.agentRuns[0]!;
      const deleted = s.drill.world.log.find((e) => e.kind === 'data' && e.text.startsWith('bookings-db deleted'))!;
      return deleted.tMs - run.tMs;
    },
    show: clock,
  },
  {
    claim: 'booking records reconstructed using a three-month-old backup',
    article: LESSONS,
    expected: 90 * DAY,
    tolerance: { share: 0.1 },
    drill: { scenario: 'token-deletes-volume', playbook: 'reference', seeds: 1 },
    measure: 'age at the delete of the newest backup the delete left',
    read: (s) => {
      const db = s.drill.world.databases.get('bookings-db')!;
      const atMs = s.drill.world.agentRuns[0]!.tMs;
      return Math.min(...db.backups.filter((b) => !b.destroyedBy).map((b) => atMs - b.takenMs));
    },
    show: (ms) => `${Math.round(ms / DAY)} days`,
    input: 'the backups’ ages are the scenario’s; which survive the delete comes from their blast radius',
  },
  {
    claim: 'the new configuration failed on a 65-minute script due to a 60-second timeout',
    article: LESSONS,
    expected: 0.5,
    tolerance: { atLeast: true },
    drill: { scenario: 'shared-timeout-budget', playbook: 'naive', seeds: 5 },
    measure: 'share of requests timing out over the drill’s last hour, the slow configuration still live',
    read: (s) => s.drill.world.metrics.get('all', 'timeoutRate').value(3600),
    show: percent,
  },
  {
    claim: 'the fallback model also failed because it shared the same timeout budget',
    article: LESSONS,
    expected: 0.02,
    tolerance: { atMost: true },
    drill: { scenario: 'shared-timeout-budget', playbook: 'naive', seeds: 5 },
    measure: 'share of failed requests the fallback answered, once turned on',
    read: (_s, r) => r.counts.fallback.rescued / Math.max(1, r.counts.fallback.tried),
    show: percent,
  },
  {
    claim: 'canary deployments starting with only 1-5% of users, rolling back automatically when accuracy dropped more than 3%',
    article: LESSONS,
    expected: 0.05,
    tolerance: { atMost: true },
    drill: { scenario: 'recommender-canary', playbook: 'reference', seeds: 20 },
    measure: 'largest share of users the canary reached before its accuracy trigger aborted it',
    read: (s) => Math.max(0, ...s.drill.world.log.filter((e) => /canary of \S+ at \d+%/.test(e.text)).map((e) => Number(/at (\d+)%/.exec(e.text)![1]) / 100)),
    show: percent,
  },
  {
    claim: 'automated rollback controllers have reduced recovery times from 14 minutes',
    article: LESSONS,
    expected: 14 * MIN,
    tolerance: { factor: 2 },
    drill: { scenario: 'payment-schema-rollback', playbook: 'reference', byHand: true, seeds: 20 },
    measure: 'recovery from detection, the reference playbook carried out by people',
    read: (_s, r) => r.recoverMs ?? Number.POSITIVE_INFINITY,
    show: clock,
  },
  {
    claim: '... to just 90 seconds',
    article: LESSONS,
    expected: 90_000,
    tolerance: { factor: 2 },
    drill: { scenario: 'payment-schema-rollback', playbook: 'reference', seeds: 20 },
    measure: 'recovery from detection, the same playbook automated',
    read: (_s, r) => r.recoverMs ?? Number.POSITIVE_INFINITY,
    show: clock,
  },
  {
    claim: 'AI failures often go unnoticed for an average of 4.5 days',
    article: LESSONS,
    expected: 4.5 * DAY,
    tolerance: { share: 0.01 },
    drill: { scenario: 'silent-provider-update', playbook: 'naive', seeds: 1, horizonMs: 5 * DAY },
    measure: 'detection after impact, where the playbook watches only errors and latency',
    read: (_s, r) => r.detectMs ?? Number.POSITIVE_INFINITY,
    show: (ms) => `${Number((ms / DAY).toFixed(2))} days`,
    input: 'users escalating after 4.5 days is the simulator’s default, from this figure; that nothing detects the change sooner comes from what the monitors watch',
  },
  {
    claim: 'short-term (5 minutes) and long-term (1 hour) alert windows differentiate genuine regressions from temporary spikes',
    article: LESSONS,
    expected: 0,
    tolerance: { exact: true },
    drill: { scenario: 'transient-spike', playbook: 'reference', seeds: 20 },
    measure: 'rollbacks made for the spike that healed by itself (one short window makes one on every seed)',
    read: (_s, r) => r.counts.unnecessaryRollbacks.length,
    show: count,
  },
  {
    claim: 'reverted sequentially instead of as a single unit, leading to unstable intermediate states and worsening the outage',
    article: LESSONS,
    expected: 1,
    tolerance: { atLeast: true },
    drill: { scenario: 'batched-change-rollback', playbook: 'naive', seeds: 20 },
    measure: 'unstable states entered by the one-at-a-time rollback (the atomic one enters none)',
    read: (_s, r) => r.counts.unstableStates.length,
    show: count,
  },
  {
    claim: 'mature teams now recover in under 5 minutes',
    article: PLAYBOOKS,
    expected: 5 * MIN,
    tolerance: { atMost: true },
    drill: { scenario: 'payment-schema-rollback', playbook: 'reference', seeds: 20 },
    measure: 'recovery from detection, the first incident’s reference playbook automated',
    read: (_s, r) => r.recoverMs ?? Number.POSITIVE_INFINITY,
    show: clock,
  },
];

export interface FigureResult {
  figure: SourceFigure;
  /** The median over the drill's seeds. */
  value: number;
  within: boolean;
}

export function runFigure(figure: SourceFigure): FigureResult {
  const { drill } = figure;
  const written = scenario(drill.scenario);
  const s = drill.horizonMs === undefined ? written : { ...written, spec: { ...written.spec, horizonMs: drill.horizonMs } };
  const name = drill.playbook === 'naive' || drill.playbook === 'reference' ? written.meta.playbooks[drill.playbook] : drill.playbook;
  const p = drill.byHand ? byHand(playbook(name)) : playbook(name);
  const values: number[] = [];
  for (let seed = 1; seed <= drill.seeds; seed++) {
    const { session } = drillPlaybook(s, p, seed);
    values.push(figure.read(session, session.result()));
  }
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { figure, value, within: withinTolerance(value, figure.expected, figure.tolerance) };
}

export function withinTolerance(value: number, expected: number, t: Tolerance): boolean {
  if ('exact' in t) return value === expected;
  if ('atMost' in t) return value <= expected;
  if ('atLeast' in t) return value >= expected;
  if ('share' in t) return Math.abs(value - expected) <= t.share * expected;
  return value >= expected / t.factor && value <= expected * t.factor;
}

export function describeTolerance(f: SourceFigure): string {
  const t = f.tolerance;
  if ('exact' in t) return `exactly ${f.show(f.expected)}`;
  if ('atMost' in t) return `at most ${f.show(f.expected)}`;
  if ('atLeast' in t) return `at least ${f.show(f.expected)}`;
  if ('share' in t) return `${f.show(f.expected)} ± ${Math.round(t.share * 100)}%`;
  return `${f.show(f.expected / t.factor)} to ${f.show(f.expected * t.factor)} (a factor of ${t.factor})`;
}
