import { z } from 'zod';
import { durationText, MAX_COUNT, MAX_DURATION_MS, MAX_REPLICAS } from './limits.js';

const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `90s`, `2m`, `1h30m`, `4.5d`, `500ms`, or a number of milliseconds. A long run of digits is
 * a number too large to be finite: not a duration.
 */
export function parseDuration(input: string | number): number | undefined {
  const ms = durationMs(input);
  return ms !== undefined && Number.isFinite(ms) ? ms : undefined;
}

/** Like parseDuration, but a duration too long to count comes back as Infinity: over any limit. */
function durationMs(input: string | number): number | undefined {
  if (typeof input === 'number') return input >= 0 && !Number.isNaN(input) ? Math.round(input) : undefined;
  const text = input.replace(/\s+/g, '');
  if (!DURATION.test(text)) return undefined;
  let ms = 0;
  for (const m of text.matchAll(PART)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return Math.round(ms);
}

/** A duration between `minMs` and `maxMs`, both named in the message when it is outside. */
export function boundedDuration(maxMs: number, minMs = 0) {
  return z.union([z.number(), z.string()]).transform((v, ctx) => {
    const ms = durationMs(v);
    const shown = JSON.stringify(typeof v === 'string' && v.length > 40 ? `${v.slice(0, 40)}...` : v);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected a duration such as 500ms, 90s, 2m, 1h30m or 4.5d, got ${shown}` });
      return z.NEVER;
    }
    if (ms > maxMs || ms < minMs) {
      const range = minMs > 0 ? `from ${durationText(minMs)} to ${durationText(maxMs)}` : `of at most ${durationText(maxMs)}`;
      ctx.addIssue({ code: 'custom', message: `expected a duration ${range} (the limit), got ${shown}` });
      return z.NEVER;
    }
    return ms;
  });
}

export const duration = boundedDuration(MAX_DURATION_MS);

/** A share written as `25%` or as a fraction `0.25`. */
export const share = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : /^(\d+(?:\.\d+)?)%$/.test(v.trim()) ? Number(v.trim().slice(0, -1)) / 100 : NaN;
  if (!(n >= 0 && n <= 1)) {
    ctx.addIssue({ code: 'custom', message: `expected a share between 0 and 1, or a percentage such as 25%, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return n;
});

/** A whole count from 0 to `max` (MAX_COUNT unless said). */
export function count(max = MAX_COUNT) {
  return z.number().int().nonnegative().max(max);
}

/** A count of pods, or a percentage (up to 100%) of the replicas, resolved later (`25%`). */
export const countOrPercent = z.union([
  count(MAX_REPLICAS),
  z
    .string()
    .regex(/^\d+(\.\d+)?%$/, 'expected a count or a percentage such as 25%')
    .refine((v) => Number(v.slice(0, -1)) <= 100, 'expected a percentage of at most 100%'),
]);

export function resolveCount(v: number | string, of: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const exact = (Number(v.slice(0, -1)) / 100) * of;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** Versions are strings: YAML reads an unquoted 2.10 as the number 2.1. */
export const version = z.string({
  error: (issue) => (typeof issue.input === 'number' ? `expected a version string: quote it ("${issue.input}"), or YAML reads it as a number` : 'expected a version string'),
});

export const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'expected a name of letters, digits, dots, dashes or underscores');
