import { z } from 'zod';
import { COUNT_NAMES, type RecordCounts } from './record.js';

/**
 * The shape of what `firedrill run` writes in a result file, for reading one back: a result
 * file is data from outside (a shard from another machine, a file someone edited), and every
 * value a report renders must be of the type the report expects, a number where it writes a
 * number, one of the known words where it writes a verdict or a status.
 */

const ms = z.number().int().nonnegative();
const count = z.number().nonnegative();
const verdict = z.enum(['PASS', 'FAIL']);

export const drillRecordSchema = z.object({
  scenario: z.string(),
  playbook: z.string(),
  seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  verdict,
  impactStartMs: ms.nullable(),
  detectMs: ms.nullable(),
  mitigateMs: ms.nullable(),
  recoverMs: ms.nullable(),
  score: z.number().min(0).max(100),
  penalties: z.array(z.object({ id: z.string(), points: z.number() })),
  counts: z.object(Object.fromEntries(COUNT_NAMES.map((n) => [n, count])) as Record<keyof RecordCounts, typeof count>),
  reasons: z.array(z.string()).optional(),
  guardrails: z.array(z.string()).optional(),
});

const stat = z.object({ mean: z.number(), min: z.number(), max: z.number() }).nullable();
const timeStats = z.object({ n: count, never: count, p50Ms: ms.nullable(), p95Ms: ms.nullable(), maxMs: ms.nullable() });

const caseSummary = z.object({
  scenario: z.string(),
  playbook: z.string(),
  status: z.enum(['passed', 'failed', 'expected-miss', 'unexpected-pass']),
  drills: count,
  passed: count,
  failed: count,
  passRate: z.number().min(0).max(1),
  recovery: timeStats,
  detect: timeStats,
  mitigate: timeStats,
  score: stat,
  counts: z.record(z.string(), stat),
  histogram: z.object({ fromMs: ms, binMs: z.number().positive(), bins: z.array(count), never: count, noImpact: count }),
  worst: z
    .object({ seed: z.number().int().nonnegative(), verdict, recoverMs: ms.nullable(), outcome: z.string(), score: z.number(), replay: z.string() })
    .nullable(),
});

export const summarySchema = z.object({
  status: z.enum(['passed', 'failed', 'interrupted']),
  interrupted: z.object({ planned: count, signal: z.string(), abandoned: count.optional() }).optional(),
  drills: count,
  passed: count,
  failed: count,
  expectedMisses: count,
  unexpectedPasses: count,
  cases: z.array(caseSummary),
});

const entry = z.object({ tMs: ms, kind: z.string(), text: z.string() });

/** The full report of a drill, as the detailed part of a result file holds it (for charts). */
export const reportSchema = z.object({
  scenario: z.string(),
  title: z.string(),
  playbook: z.string().nullable(),
  team: z.object({ journal: count }).nullable(),
  seed: z.number().int().nonnegative(),
  verdict,
  targetMs: ms,
  impactStartMs: ms.nullable(),
  detectMs: ms.nullable(),
  detectedBy: z.string().nullable(),
  declaredBeforeImpactMs: ms.nullable().optional(),
  mitigateMs: ms.nullable(),
  recoverMs: ms.nullable(),
  endMs: ms,
  endReason: z.string(),
  score: z.number().min(0).max(100),
  penalties: z.array(z.object({ id: z.string(), points: z.number(), explain: z.string() })),
  reasons: z.array(z.string()),
  missingGuardrails: z.array(z.string()),
  counts: z.object({
    requests: count,
    failedRequests: count,
    fallback: z.object({ tried: count, rescued: count, starved: count }),
    badResponses: count,
    usersAffected: count,
    userMinutes: count,
    rowsLost: count,
    rowsUnavailable: count,
    irreversibleSideEffects: count,
    sideEffects: z.array(z.object({ kind: z.string(), class: z.string(), count, compensated: count })),
    unstableStates: z.array(z.object({ rule: z.string(), explain: z.string(), enteredMs: ms, durationMs: ms.nullable(), cause: z.string() })),
    unnecessaryRollbacks: z.array(z.object({ tMs: ms, action: z.string(), why: z.string() })),
    actionsTaken: count,
    actionsFailed: count,
  }),
  actions: z.array(z.object({ id: count, atMs: ms, by: z.string(), command: z.string(), status: z.string(), endMs: ms.nullable(), reason: z.string().nullable(), supersededBy: count.optional() })),
  timeline: z.array(entry),
  versions: z.object({ firedrill: z.string(), scenario: z.string(), playbook: z.string().nullable() }),
  series: z
    .object({ stepMs: z.number().positive(), scopes: z.record(z.string(), z.record(z.string(), z.array(z.number().nullable()))) })
    .optional(),
  watched: z
    .array(
      z.object({
        by: z.string(),
        text: z.string(),
        metric: z.string(),
        route: z.string().nullable(),
        windowMs: ms,
        longWindowMs: ms.nullable(),
        above: z.number().nullable(),
        below: z.number().nullable(),
        firedMs: ms.nullable(),
        stepMs: z.number().positive(),
        values: z.array(z.number().nullable()),
      }),
    )
    .optional(),
  measured: z
    .array(
      z.object({
        tMs: ms,
        by: z.string(),
        name: z.string(),
        value: z.string(),
        first: z.number().nullable(),
        phase: z.enum(['successful', 'failed', 'inconclusive', 'error']),
        condition: z.string(),
        failsBelow: z.number().nullable(),
        failsAbove: z.number().nullable(),
        chart: z.object({ metric: z.string(), route: z.string().nullable() }).nullable(),
      }),
    )
    .optional(),
});
