import type { Key } from 'ink';
import type { Control } from '../drill/facilitator-protocol.js';

/**
 * Where keys go on the facilitator's own screen. Nothing is typed here, so single letters are
 * safe as controls; only ending the drill asks first.
 */
export type FacilitateMode = 'main' | 'inject' | 'confirm-end';

export interface FacilitateKeyState {
  mode: FacilitateMode;
  pick: number;
  injectIds: readonly string[];
  paused: boolean;
}

export interface FacilitateKeyActions {
  setMode(mode: FacilitateMode): void;
  setPick(index: number): void;
  send(control: Control): void;
  /** Leaves the facilitator's screen; the drill goes on. */
  quit(): void;
}

export function routeFacilitateKey(s: FacilitateKeyState, input: string, key: Key, a: FacilitateKeyActions): void {
  if (s.mode === 'inject') {
    if (key.escape) a.setMode('main');
    else if (key.upArrow) a.setPick(Math.max(0, s.pick - 1));
    else if (key.downArrow) a.setPick(Math.min(s.injectIds.length - 1, s.pick + 1));
    else if (key.return) {
      const id = s.injectIds[s.pick];
      if (id !== undefined) a.send({ inject: id });
      a.setMode('main');
    }
    return;
  }
  if (s.mode === 'confirm-end') {
    if (input === 'y' || input === 'Y') a.send({ end: true });
    a.setMode('main');
    return;
  }
  if (input === 'q') return a.quit();
  if (input === 'p' || input === ' ') return a.send(s.paused ? { resume: true } : { pause: true });
  if (input === '+' || input === '=') return a.send({ speed: 1 });
  if (input === '-' || input === '_') return a.send({ speed: -1 });
  if (input === 'h') return a.send({ hint: true });
  if (input === 'e') return a.setMode('confirm-end');
  if (input === 'i' && s.injectIds.length > 0) {
    a.setPick(0);
    a.setMode('inject');
  }
}
