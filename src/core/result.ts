import { VERBS } from './actions/verbs.js';
import { describeAgentAction, guardrailsThatWouldHaveStopped } from './agents.js';
import { podTrouble } from './changes.js';
import { rowsLostForGood, rowsUnavailable } from './data.js';
import { dataReasons } from './data-reasons.js';
import type { Drill, EndReason } from './drill.js';
import { MAX_LOG_ENTRIES, TIMELINE_KINDS, type LogEntry, type LogLimits } from './log.js';
import { formatClock } from './monitors.js';
import { score, unscored, type Penalty, type ScoreInput } from './scoring.js';
import { describeSlo, type UnstableState } from './tracker.js';

export type Verdict = 'PASS' | 'FAIL';

/** Actions at least this long are named when a recovery comes late. */
const SLOW_ACTION_MS = 60_000;
/** What stood in the way of recovering, longest first: past this many, the rest add little. */
const MAX_BLOCKERS = 3;

/** What a drill came to: the facts a report is written from. Times are milliseconds. */
export interface DrillResult {
  scenario: string;
  title: string;
  seed: number;
  verdict: Verdict;
  targetMs: number;
  /** Simulated time at which the SLOs first broke (null: no impact). */
  impactStartMs: number | null;
  /** From impact start to detection (0 when the incident was declared before impact began). */
  detectMs: number | null;
  detectedBy: string | null;
  /** How long before impact began the incident was declared (null: detected after it, or never). */
  declaredBeforeImpactMs: number | null;
  /** From detection to user-facing SLOs back. */
  mitigateMs: number | null;
  /** From detection (or impact start, when nobody noticed) to recovered. */
  recoverMs: number | null;
  /** From impact start to recovered: how long users and data were hurt (0: no impact; null: never recovered). */
  outageMs: number | null;
  endMs: number;
  endReason: EndReason;
  /** 0-100; null when the drill is not scored (see `notScored`). */
  score: number | null;
  /**
   * Why the drill has no score (`ended before the incident began`): present only then, so a
   * scored drill's result reads as it always has.
   */
  notScored?: string;
  penalties: Penalty[];
  reasons: string[];
  /** Guardrails missing from this system that would have prevented the harm, read from what happened. */
  missingGuardrails: string[];
  counts: {
    requests: number;
    /**
     * Harm beyond what the same requests meet on the healthy release (its own errors, weak and
     * slow answers are no harm the drill did): failed requests, bad answers, slow answers, users
     * affected, minutes.
     */
    failedRequests: number;
    fallback: { tried: number; rescued: number; starved: number };
    badResponses: number;
    /** Good answers slower than the scenario's latency SLO allows (none without a latency SLO). */
    slowResponses: number;
    usersAffected: number;
    userMinutes: number;
    /** The same, counting every failed request, bad answer and slow one, the healthy system's own included. */
    raw: { failedRequests: number; badResponses: number; slowResponses: number; usersAffected: number; userMinutes: number };
    rowsLost: number;
    /** Rows gone when the drill ended that may yet come back (a restore or rebuild not done yet). */
    rowsUnavailable: number;
    irreversibleSideEffects: number;
    sideEffects: { kind: string; class: string; count: number; compensated: number; writtenOff: number }[];
    unstableStates: UnstableState[];
    unnecessaryRollbacks: { tMs: number; action: string; why: string }[];
    actionsTaken: number;
    actionsFailed: number;
  };
  /** `supersededBy`: the id of the later action whose change replaced this one's before it finished (only then present). */
  actions: { id: number; atMs: number; by: string; command: string; status: string; endMs: number | null; reason: string | null; supersededBy?: number }[];
  timeline: LogEntry[];
}

/**
 * Reads the verdict, the score and the reasons off the world as the drill left it. `watched`
 * lists the metrics something watched besides the scenario's monitors (a playbook's triggers).
 */
export function drillResult(drill: Drill, watched: readonly string[] = []): DrillResult {
  const { world, tracker, spec } = drill;
  const impact = tracker.impactStartMs;
  const early = impact !== undefined && tracker.detectMs !== undefined && tracker.detectMs < impact;
  // A declaration before impact starts no clock before impact: mitigation and recovery count from it.
  const detectedAt = impact === undefined || tracker.detectMs === undefined ? undefined : Math.max(tracker.detectMs, impact);
  const detectMs = impact !== undefined && detectedAt !== undefined ? detectedAt - impact : null;
  const from = detectedAt ?? impact;
  const recoverMs = tracker.recoverMs !== undefined && from !== undefined ? Math.max(0, tracker.recoverMs - from) : null;
  const mitigateMs = tracker.mitigateMs !== undefined && detectedAt !== undefined ? tracker.mitigateMs - detectedAt : null;
  const rowsLost = [...world.databases.values()].reduce((s, db) => s + rowsLostForGood(db), 0);
  const unavailable = [...world.databases.values()].reduce((s, db) => s + rowsUnavailable(db), 0);
  const sideEffects = [...tracker.sideEffects.values()];
  const irreversible = sideEffects.filter((s) => s.class === 'irreversible').reduce((s, x) => s + x.count, 0);
  const outageMs = impact === undefined ? 0 : tracker.recoverMs !== undefined ? Math.max(0, tracker.recoverMs - impact) : null;
  const inTime = impact === undefined || (recoverMs !== null && recoverMs <= spec.targetMs);
  // A drill ended before it recovered did not run its course: whatever it looked like, not a PASS.
  const cutShort = drill.endReason === 'ended' && !tracker.recovered;
  const verdict: Verdict = inTime && !cutShort && tracker.unnecessaryRollbacks.length === 0 ? 'PASS' : 'FAIL';
  const counts: DrillResult['counts'] = {
    requests: tracker.requests,
    failedRequests: Math.round(tracker.harm.netFailed),
    fallback: { tried: tracker.fallbackTried, rescued: tracker.rescued, starved: tracker.fallbackStarved },
    badResponses: Math.round(tracker.harm.netBad),
    slowResponses: Math.round(tracker.harm.netSlow),
    usersAffected: tracker.harm.usersAffected(true),
    userMinutes: Math.round(tracker.harm.netUserMinutes),
    raw: {
      failedRequests: tracker.failed,
      badResponses: tracker.badResponses,
      slowResponses: Math.round(tracker.harm.slow),
      usersAffected: tracker.usersAffected,
      userMinutes: Math.round(tracker.userMinutes),
    },
    rowsLost,
    rowsUnavailable: unavailable,
    irreversibleSideEffects: irreversible,
    sideEffects,
    unstableStates: tracker.unstable,
    unnecessaryRollbacks: tracker.unnecessaryRollbacks,
    actionsTaken: tracker.actionsTaken,
    actionsFailed: tracker.actionsFailed,
  };
  const withheld = unscored({ endedByPerson: drill.endReason === 'ended', impactStartMs: impact ?? null, detectedAtMs: detectedAt ?? null });
  const actionsSuperseded = drill.actions.records.filter((r) => r.supersededBy !== undefined).length;
  const { score: points, penalties } = withheld === undefined ? score({ ...scoreInput({ targetMs: spec.targetMs, outageMs, detectMs, recoverMs, counts }), actionsSuperseded }) : { score: null, penalties: [] };
  return {
    scenario: spec.id,
    title: spec.title,
    seed: drill.seed,
    verdict,
    targetMs: spec.targetMs,
    impactStartMs: impact ?? null,
    detectMs,
    detectedBy: tracker.detectedBy ?? null,
    declaredBeforeImpactMs: early ? impact! - tracker.detectMs! : null,
    mitigateMs,
    recoverMs,
    outageMs,
    endMs: world.now,
    endReason: drill.endReason ?? 'horizon',
    score: points,
    ...(withheld !== undefined ? { notScored: withheld } : {}),
    penalties,
    reasons: reasons(drill, verdict, recoverMs, watched),
    missingGuardrails: missingGuardrails(drill),
    counts,
    actions: drill.actions.records.map((r) => ({
      id: r.id,
      atMs: r.startMs,
      by: r.by,
      command: r.text,
      status: r.status,
      endMs: r.endMs,
      reason: r.reason ?? null,
      ...(r.supersededBy !== undefined ? { supersededBy: r.supersededBy } : {}),
    })),
    timeline: timeline(world.log, world.logLimits, world.now),
  };
}

/**
 * What the score is computed from, read off a result: the drill's costs, each "more is worse".
 * Rows missing are those lost for good and those still gone; side effects left are the
 * irreversible ones and the compensatable ones nobody compensated.
 */
export function scoreInput(r: Pick<DrillResult, 'targetMs' | 'outageMs' | 'detectMs' | 'recoverMs' | 'counts'>): ScoreInput {
  const c = r.counts;
  return {
    targetMs: r.targetMs,
    outageMs: r.outageMs,
    detectMs: r.detectMs,
    recoverMs: r.recoverMs,
    userMinutes: c.userMinutes,
    rowsMissing: c.rowsLost + c.rowsUnavailable,
    sideEffectsLeft: c.sideEffects.reduce((s, x) => s + (x.class === 'irreversible' ? x.count : x.class === 'compensatable' ? x.count - x.compensated : 0), 0),
    unnecessaryRollbacks: c.unnecessaryRollbacks.length,
    actionsFailed: c.actionsFailed,
  };
}

/**
 * The log's entries a debrief shows, in time order, with one line for each kind and text
 * the log only counted (at its last time), and one for entries past the log's size.
 */
function timeline(log: readonly LogEntry[], limits: LogLimits, endMs: number): LogEntry[] {
  const shown = log.filter((e) => TIMELINE_KINDS.has(e.kind));
  const counted = [...limits.repeats.values()]
    .filter((r) => TIMELINE_KINDS.has(r.kind))
    .map((r) => ({ tMs: r.lastMs, kind: r.kind, text: `${r.text} (and ${r.count} more times from ${formatClock(r.firstMs)} to ${formatClock(r.lastMs)}, counted, not listed)` }))
    .sort((a, b) => a.tMs - b.tMs);
  const out: LogEntry[] = [];
  let next = 0;
  for (const e of shown) {
    while (next < counted.length && counted[next]!.tMs < e.tMs) out.push(counted[next++]!);
    out.push(e);
  }
  out.push(...counted.slice(next));
  if (limits.dropped.size > 0) {
    const byKind = [...limits.dropped].map(([kind, n]) => `${n} ${kind}`).join(', ');
    out.push({ tMs: endMs, kind: 'note', text: `the log kept its first ${MAX_LOG_ENTRIES} entries; later ones were counted, not kept: ${byKind}` });
  }
  return out;
}

/** Why the drill went as it did, read from the state of the world at the end. */
function reasons(drill: Drill, verdict: Verdict, recoverMs: number | null, watched: readonly string[]): string[] {
  const { world, tracker, spec } = drill;
  const out: string[] = [];
  const stopped = drill.stoppedBy;
  if (stopped && !tracker.recovered) out.push(`${stopped.by} ended the drill at ${formatClock(stopped.atMs)}, before it recovered`);
  if (tracker.impactStartMs === undefined) {
    out.push(stopped ? 'no user-facing SLO had broken by then' : 'no user-facing SLO broke during the drill');
    for (const run of world.agentRuns) {
      if (run.blocked !== null) out.push(`${run.agent} tried ${describeAgentAction(run.action)}: blocked (${run.blocked}) at ${formatClock(run.tMs)}`);
    }
  }
  for (const u of tracker.unnecessaryRollbacks) out.push(`unnecessary rollback at ${formatClock(u.tMs)} (${u.action}): ${u.why}`);
  const data = dataReasons(drill);
  // Said as the headline says it: recovery counts from detection, or from impact when nothing detected it.
  const recovered = (ms: number): string => `recovered ${formatClock(ms)} after ${tracker.detectMs === undefined ? 'impact began' : 'detection'}`;
  if (verdict === 'PASS' && out.length === 0) return [`${recovered(recoverMs ?? 0)}, inside the ${formatClock(spec.targetMs)} target`, ...data];
  if (tracker.impactStartMs === undefined) return [...out, ...data];

  if (tracker.detectMs === undefined) {
    const broken = tracker.sloState.filter((s) => !s.holds);
    const watchedSet = new Set([...drill.monitors.map((m) => m.spec.metric), ...watched]);
    const unwatched = [...new Set(broken.map((s) => s.slo.metric))].filter((m) => !watchedSet.has(m));
    out.push(`impact was never detected: no monitor or trigger fired in ${formatClock(world.now)}`);
    if (unwatched.length > 0) out.push(`nothing watches ${unwatched.join(', ')}: ${broken.map(describeSlo).join('; ')}`);
  }
  if (tracker.recoverMs === undefined) {
    const inForce = world.stacks.harmfulMatches();
    for (const h of inForce) out.push(`still in force: ${h.rule.explain} (${h.where.join(', ')})`);
    for (const d of world.fleet.deployments.values()) {
      if (d.pods.some((p) => p.phase === 'crashloop' || p.phase === 'pending')) out.push(`${d.id}: ${podTrouble(world, d.id)}`);
    }
    for (const db of world.databases.values()) {
      if (db.state !== 'up') out.push(`database ${db.id} is ${db.state}`);
      for (const t of db.tables) if (!t.present) out.push(`table ${db.id}.${t.name} is still gone`);
    }
    const broken = tracker.sloState.filter((s) => !s.holds);
    if (broken.length > 0) out.push(`SLOs broken at the end: ${broken.map(describeSlo).join('; ')}`);
    out.push(`not recovered after ${formatClock(world.now - (tracker.detectMs ?? tracker.impactStartMs))}`);
    // What stood in the way before the end, where the end's state does not say it already.
    const named = out.join('\n');
    const earlier = drill.blockers.reasons(new Set(inForce.map((h) => h.rule.id))).filter((r) => !(/crash-looping/.test(r) && /CrashLoopBackOff|Pending/.test(named)) && !(/a database was down/.test(r) && /database|table/.test(named)));
    out.push(...earlier.slice(0, MAX_BLOCKERS));
  } else if (recoverMs !== null && recoverMs > spec.targetMs) {
    out.push(`${recovered(recoverMs)}, over the ${formatClock(spec.targetMs)} target`);
    const late = lateResponse(drill);
    if (late) out.push(late);
    for (const a of drill.actions.records) {
      if (a.status === 'done' && a.endMs !== null && a.endMs - a.startMs >= SLOW_ACTION_MS) out.push(`${a.text} took ${formatClock(a.endMs - a.startMs)}`);
    }
    // Rows lost for good outweigh what slowed the recovery down: they are said first.
    out.push(...data);
    out.push(...drill.blockers.reasons().slice(0, MAX_BLOCKERS));
  }
  if (!(tracker.recoverMs !== undefined && recoverMs !== null && recoverMs > spec.targetMs)) out.push(...data);
  for (const u of tracker.unstable) {
    out.push(`unstable state entered at ${formatClock(u.enteredMs)} for ${u.durationMs === null ? 'the rest of the drill' : formatClock(u.durationMs)}: ${u.explain}`);
  }
  for (const a of drill.actions.records) {
    const by = a.supersededBy === undefined ? undefined : drill.actions.records.find((x) => x.id === a.supersededBy);
    if (by) out.push(`${a.text} was superseded by ${by.text} at ${formatClock(by.startMs)} before it finished`);
    else if (a.status === 'failed') out.push(`${a.text} failed: ${a.reason}`);
    if (a.status === 'rejected') out.push(`${a.text} was refused: ${a.reason}`);
    if (a.status === 'aborted') out.push(`${a.text} was aborted at ${formatClock(a.endMs!)} ${a.reason}, ${formatClock(a.endMs! - a.startMs)} after it began`);
    if (a.status === 'running' && a.expectedEndMs !== undefined) {
      out.push(`${a.text} was still running at the end, expected to finish at ${formatClock(a.expectedEndMs)}`);
    }
  }
  if (tracker.fallbackTried > 0) out.push(fallbackReason(drill));
  return out;
}


/**
 * When the change that brought recovery came long after detection, what was waited for: the
 * detection's own words say why (a controller names its analysis timing there).
 */
function lateResponse(drill: Drill): string | undefined {
  const { tracker } = drill;
  if (tracker.detectMs === undefined || tracker.recoverMs === undefined) return undefined;
  // The last command that changed the system, as its verb's declaration says.
  const last = drill.actions.records.filter((a) => a.status === 'done' && VERBS.get(a.verb)?.leaves === undefined && a.startMs <= tracker.recoverMs!).at(-1);
  if (!last || last.startMs - tracker.detectMs < SLOW_ACTION_MS) return undefined;
  return `${last.text} came ${formatClock(last.startMs - tracker.detectMs)} after detection (${tracker.detectedBy})`;
}

function missingGuardrails(drill: Drill): string[] {
  const { world } = drill;
  const out: string[] = [];
  for (const run of world.agentRuns) {
    if (run.blocked !== null) continue;
    const would = guardrailsThatWouldHaveStopped(world, run.agent, run.action);
    if (would.length > 0) out.push(`${run.agent}'s ${describeAgentAction(run.action)} would have been stopped by ${would.join(', or ')}`);
  }
  for (const db of world.databases.values()) {
    const lost = db.rowsLost > 0 || db.tables.some((t) => t.lostMs !== undefined);
    if (!lost) continue;
    const dropped = world.agentRuns.some((r) => r.blocked === null && r.action.kind === 'drop-table' && r.action.database === db.id);
    if (dropped && db.spec.softDeleteMs === 0 && !db.spec.pitr) out.push(`soft delete or point-in-time recovery on ${db.id} would have brought its rows back in minutes`);
    const destroyed = db.backups.filter((b) => b.destroyedBy);
    if (destroyed.length > 0 && !db.backups.some((b) => b.spec.scope === 'offsite' && !b.destroyedBy && b.spec.ageMs <= 86_400_000)) {
      out.push(`a recent backup outside the account would have survived what destroyed ${destroyed.map((b) => b.spec.id).join(', ')}`);
    }
  }
  return out;
}

function fallbackReason(drill: Drill): string {
  const { tracker } = drill;
  const share = (n: number): string => `${Math.round((100 * n) / tracker.fallbackTried)}%`;
  let text = `the fallback answered ${tracker.rescued} of ${tracker.fallbackTried} failed requests (${share(tracker.rescued)})`;
  if (tracker.fallbackStarved > 0) {
    text += `; ${share(tracker.fallbackStarved)} reached it with no time left: it shares the primary's timeout budget, so after a timeout nothing remains for it`;
  }
  return text;
}
