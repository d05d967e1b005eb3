import type { Problem } from '../source.js';

/**
 * A real rollout config read into the native playbook form: the object `firedrill import`
 * writes as YAML and the drill runs, and what `firedrill check` needs besides it.
 */
export interface Imported {
  format: ImportFormat;
  /** The controller's name: the Rollout's or Canary's, or the rules file's. */
  name: string;
  /** The native playbook, as its YAML file holds it. */
  native: Record<string, unknown>;
  /** Traps in the config that its timing alone does not show, each a sentence. */
  traps: string[];
  warnings: Problem[];
}

export type ImportFormat = 'argo' | 'flagger' | 'prometheus';

export const FORMAT_TITLES: Record<ImportFormat, string> = {
  argo: 'Argo Rollouts',
  flagger: 'Flagger',
  prometheus: 'Prometheus alerting rules',
};

/** A duration as the native format writes it: 30s, 5m, 1h30m. */
export function durationText(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join('');
}
