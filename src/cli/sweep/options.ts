import { UsageError } from '../io.js';

/** A whole number option within [min, max], or the default; anything else is a usage error. */
export function wholeOption(value: unknown, name: string, fallback: number, min: number, max: number, command: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max || !Number.isSafeInteger(n)) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${String(value)}'`, command);
  }
  return n;
}
