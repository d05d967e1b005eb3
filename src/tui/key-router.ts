import type { Key } from 'ink';
import { backspace, clearLine, historyDown, historyUp, submitLine, typeText, type LineState } from './command-line.js';
import { scrolled } from './components/Pager.js';

/**
 * Where keys go. While the team types (`type`), every printable key is text, never a
 * facilitator hotkey; the facilitator's keys live in their own mode, entered with Esc, which
 * no command can contain.
 */
export type Mode = 'briefing' | 'type' | 'keys' | 'inject' | 'confirm-end' | 'over' | 'debrief' | 'best';

export interface RouterState {
  mode: Mode;
  line: LineState;
  pick: number;
  injects: number;
  debriefLines: number;
  offset: number;
  rows: number;
  /** The truth panel may be shown on this screen (a solo rehearsal, never a projected one). */
  truthAllowed: boolean;
  /** A learner alone: no injects, and hints come by typing hint. */
  training: boolean;
  /** Moments of the best-play comparison (0: none to show). */
  bestRows: number;
  bestStep: number;
  /** A next scenario can be opened from the debrief (training). */
  hasNext: boolean;
  /**
   * The debrief has only just replaced the drill: keys now are the end of a command the team
   * was typing when the drill ended, not choices made on the debrief (a `q` would leave it).
   */
  justEnded: boolean;
}

export interface RouterActions {
  setMode(m: Mode): void;
  setLine(s: LineState): void;
  setPick(i: number): void;
  setOffset(o: number): void;
  start(): void;
  submit(text: string): void;
  complete(s: LineState): LineState;
  pause(): void;
  speed(direction: 1 | -1): void;
  inject(index: number): void;
  hint(): void;
  end(): void;
  toggleTruth(): void;
  quit(): void;
  setBestStep(i: number): void;
  next(): void;
}

/** Routes one key (a chunk of several is split first: see key-chunks.ts). */
export function routeKey(s: RouterState, input: string, key: Key, a: RouterActions): void {
  switch (s.mode) {
    case 'briefing':
      if (key.return) {
        a.setMode('type');
        a.start();
      } else if (input === 'q') a.quit();
      return;
    case 'type':
      return typing(s, input, key, a);
    case 'keys':
      return facilitatorKeys(s, input, key, a);
    case 'inject':
      if (key.escape) a.setMode('keys');
      else if (key.upArrow) a.setPick(Math.max(0, s.pick - 1));
      else if (key.downArrow) a.setPick(Math.min(s.injects - 1, s.pick + 1));
      else if (key.return) {
        // Back to the facilitator's keys, not to typing: the next key is likely theirs too.
        a.inject(s.pick);
        a.setMode('keys');
      }
      return;
    case 'confirm-end':
      if (input === 'y') a.end();
      else a.setMode('keys');
      return;
    case 'debrief': {
      if (s.justEnded) return;
      if (input === 'q' || key.escape) return a.quit();
      if (input === 'b' && s.bestRows > 0) return a.setMode('best');
      if (input === 'n' && s.hasNext) return a.next();
      const k = key.upArrow ? 'up' : key.downArrow ? 'down' : key.pageUp ? 'pageUp' : key.pageDown || input === ' ' ? 'pageDown' : key.home ? 'home' : key.end ? 'end' : undefined;
      if (k) a.setOffset(scrolled(s.offset, k, s.debriefLines, s.rows - 1));
      return;
    }
    case 'best':
      if (input === 'q') return a.quit();
      if (input === 'd' || key.escape) return a.setMode('debrief');
      if (input === 'n' && s.hasNext) return a.next();
      if (key.rightArrow || key.downArrow || input === ' ') a.setBestStep(Math.min(s.bestRows - 1, s.bestStep + 1));
      else if (key.leftArrow || key.upArrow) a.setBestStep(Math.max(0, s.bestStep - 1));
      return;
    case 'over':
      return;
  }
}

function typing(s: RouterState, input: string, key: Key, a: RouterActions): void {
  if (key.escape) return a.setMode('keys');
  if (key.return) {
    const { text, state } = submitLine(s.line);
    a.setLine(state);
    if (text !== '') a.submit(text);
    return;
  }
  if (key.tab) return a.setLine(a.complete(s.line));
  if (key.upArrow) return a.setLine(historyUp(s.line));
  if (key.downArrow) return a.setLine(historyDown(s.line));
  // Backspace arrives as `delete` from most terminals.
  if (key.backspace || key.delete) return a.setLine(backspace(s.line));
  if (key.ctrl && input === 'u') return a.setLine(clearLine(s.line));
  if (key.ctrl || key.meta || input === '') return;
  a.setLine(typeText(s.line, input));
}

function facilitatorKeys(s: RouterState, input: string, key: Key, a: RouterActions): void {
  if (key.escape || key.return) return a.setMode('type');
  if (input === 'p' || input === ' ') return a.pause();
  if (input === '+' || input === '=') return a.speed(1);
  if (input === '-' || input === '_') return a.speed(-1);
  if (s.training && (input === 'i' || input === 'h')) return;
  if (input === 'i' && s.injects > 0) {
    a.setPick(0);
    return a.setMode('inject');
  }
  if (input === 'h') return a.hint();
  if (input === 't' && s.truthAllowed) return a.toggleTruth();
  if (input === 'e') return a.setMode('confirm-end');
}
