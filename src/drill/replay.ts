import { TICK_MS } from '../core/drill.js';
import type { JournalEntry } from '../formats/journal.js';
import type { Scenario } from '../formats/scenario.js';
import { Session } from './session.js';

export interface Replayed {
  session: Session;
  /** How many entries were replayed; fewer than the journal holds when its drill ended sooner here. */
  applied: number;
}

/**
 * Re-runs a drill from its journal: the same entries at the same simulated times, with no actor
 * deciding anything, then the drill runs on without further input to its end. An entry of a
 * whole second goes in right after that second's tick, where every live driver submits.
 */
export function replayJournal(scenario: Scenario, seed: number, entries: readonly JournalEntry[], watched: readonly string[] = []): Replayed {
  const session = new Session(scenario, seed);
  for (const m of watched) session.watched.add(m);
  let next = 0;
  const apply = (e: JournalEntry): void => {
    switch (e.kind) {
      case 'command':
        session.submit(e.command, e.by);
        break;
      case 'inject':
        session.inject(e.inject, e.by);
        break;
      case 'hint':
        session.revealHint(e.index, e.by);
        break;
      case 'note':
        session.note(e.text, e.by);
        break;
      case 'end':
        session.end(e.by);
        break;
    }
  };
  const onTick = (atMs: number): boolean => atMs > 0 && atMs % TICK_MS === 0;
  session.drill.onTick(() => {
    while (next < entries.length && entries[next]!.atMs === session.now) apply(entries[next++]!);
  });
  while (next < entries.length && !session.done) {
    const e = entries[next]!;
    session.advance(e.atMs - session.now);
    if (onTick(e.atMs)) {
      // The tick of that second applied it, unless the drill ended before it came.
      if (entries[next] === e) break;
      continue;
    }
    if (session.done || session.now !== e.atMs) break;
    apply(e);
    next++;
  }
  session.drill.runToEnd();
  return { session, applied: next };
}

/** Replays a journal's entries and returns the session (see `replayJournal`). */
export function replay(scenario: Scenario, seed: number, entries: readonly JournalEntry[], watched: readonly string[] = []): Session {
  return replayJournal(scenario, seed, entries, watched).session;
}
