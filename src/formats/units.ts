import { z } from 'zod';

const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `2m`, `1h30m`, `4.5d`, `500ms`, or a number of milliseconds. */
export function parseDuration(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? Math.round(input) : undefined;
  const text = input.replace(/\s+/g, '');
  if (!DURATION.test(text)) return undefined;
  let ms = 0;
  for (const m of text.matchAll(PART)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return Math.round(ms);
}

export const duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as 500ms, 90s, 2m, 1h30m or 4.5d, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return ms;
});

/** A share written as `25%` or as a fraction `0.25`. */
export const share = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : /^(\d+(?:\.\d+)?)%$/.test(v.trim()) ? Number(v.trim().slice(0, -1)) / 100 : NaN;
  if (!(n >= 0 && n <= 1)) {
    ctx.addIssue({ code: 'custom', message: `expected a share between 0 and 1, or a percentage such as 25%, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return n;
});

/** A count, or a percentage of some total resolved later (`25%` of the replicas). */
export const countOrPercent = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+(\.\d+)?%$/, 'expected a count or a percentage such as 25%')]);

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
