import type { Health } from '../core/snapshot.js';

/**
 * Colours for the screens. Ink colours through chalk, which decides for itself, so every colour
 * goes through here and is dropped when the command line decided against colour (`--no-color`,
 * NO_COLOR, FORCE_COLOR, as for every other command). Colour never carries meaning alone: every
 * coloured status is also a word or a symbol.
 */
export interface Theme {
  color(name: string): string | undefined;
  /** Boxes, sparklines and bars; off in screen-reader mode. */
  graphics: boolean;
}

export function makeTheme(colored: boolean, screenReader: boolean): Theme {
  return { color: (name) => (!colored || name === '' ? undefined : name), graphics: !screenReader };
}

export const HEALTH_MARK: Record<Health, string> = { ok: '✓ ok', degraded: '! degraded', down: '✗ down' };
export const HEALTH_COLOR: Record<Health, string> = { ok: 'green', degraded: 'yellow', down: 'red' };
