import type { Value } from './spec.js';

const TOKEN = /\d+|[^\d]+/g;

/**
 * Orders version strings the way people read them: numeric runs compare as numbers, so
 * 2.9 < 2.14 and gpt-4o-2024-11-20 < gpt-4o-2025-04-25. Numbers compare numerically.
 */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const as = String(a);
  const bs = String(b);
  if (as === bs) return 0;
  const at = as.match(TOKEN) ?? [];
  const bt = bs.match(TOKEN) ?? [];
  const n = Math.min(at.length, bt.length);
  for (let i = 0; i < n; i++) {
    const x = at[i]!;
    const y = bt[i]!;
    if (x === y) continue;
    const xn = isDigits(x);
    const yn = isDigits(y);
    if (xn && yn) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return at.length - bt.length;
}

export function valuesEqual(a: Value, b: Value): boolean {
  if (typeof a === typeof b) return a === b;
  return String(a) === String(b);
}

function isDigits(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}
