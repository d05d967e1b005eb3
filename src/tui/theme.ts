import type { Health } from '../core/snapshot.js';

/**
 * Colours for the screens. Ink colours through chalk, which ignores NO_COLOR, so every colour
 * goes through here and is dropped when NO_COLOR is set. Colour never carries meaning alone:
 * every coloured status is also a word or a symbol.
 */
export interface Theme {
  color(name: string): string | undefined;
  /** Boxes, sparklines and bars; off in screen-reader mode. */
  graphics: boolean;
}

export function makeTheme(env: NodeJS.ProcessEnv, screenReader: boolean): Theme {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return { color: (name) => (noColor || name === '' ? undefined : name), graphics: !screenReader };
}

export const HEALTH_MARK: Record<Health, string> = { ok: '✓ ok', degraded: '! degraded', down: '✗ down' };
export const HEALTH_COLOR: Record<Health, string> = { ok: 'green', degraded: 'yellow', down: 'red' };
