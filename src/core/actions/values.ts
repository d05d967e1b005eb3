import type { ValueKind } from './declaration.js';

/** The forms of values a command takes, read the same way by checks and by the verbs' effects. */

/** Seconds unless a unit says otherwise: `30`, `30s`, `2m`, `1h`. */
export function parseDurationMs(word: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(word);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 's' | 'm' | 'h']);
}

/** `3`, `3%` or `2.5%`, zero or more. */
export function parsePercent(word: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(word);
  return m ? Number(m[1]) : undefined;
}

/** A share of users in percent, 0 to 100. */
export function parseShare(word: string): number | undefined {
  const pct = parsePercent(word);
  return pct !== undefined && pct <= 100 ? pct : undefined;
}

/** `25%` of a count (rounded down, or up for surge as Kubernetes does), or a plain number. */
export function parseCount(word: string, of: number, roundUp: boolean): number | undefined {
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(word);
  if (pct) {
    const exact = (Number(pct[1]) / 100) * of;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }
  return /^\d+$/.test(word) ? Number(word) : undefined;
}

export function parseWhole(word: string): number | undefined {
  return /^\d+$/.test(word) ? Number(word) : undefined;
}

/**
 * Replicas of one deployment, in a scenario or after a `scale`: each pod is simulated, so a
 * count past this would keep a drill busy for minutes creating pods no pool could place.
 */
export const MAX_REPLICAS = 10_000;

/** A replica count, 0 to MAX_REPLICAS. */
export function parseReplicas(word: string): number | undefined {
  const n = parseWhole(word);
  return n !== undefined && n <= MAX_REPLICAS ? n : undefined;
}

/** What each kind of value is called, and whether a word has its form. */
export const VALUES: Record<ValueKind, { what: string; valid(word: string): boolean }> = {
  duration: { what: 'a duration (30, 30s, 2m or 1h)', valid: (w) => parseDurationMs(w) !== undefined },
  share: { what: 'a share of users from 0 to 100%', valid: (w) => parseShare(w) !== undefined },
  percent: { what: 'a percentage', valid: (w) => parsePercent(w) !== undefined },
  count: { what: 'a count or a percentage of the replicas', valid: (w) => parseCount(w, 0, false) !== undefined },
  number: { what: 'a whole number', valid: (w) => parseWhole(w) !== undefined },
  replicas: { what: `a number of replicas from 0 to ${MAX_REPLICAS}`, valid: (w) => parseReplicas(w) !== undefined },
  value: { what: 'a value', valid: () => true },
  text: { what: 'text', valid: () => true },
};
