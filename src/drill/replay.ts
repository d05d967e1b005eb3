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
 * deciding anything, then the drill runs on without further input to its end. Advancing to an
 * entry's whole second stops right after that second's tick, where every live driver acts.
 */
export function replayJournal(scenario: Scenario, seed: number, entries: readonly JournalEntry[], watched: readonly string[] = []): Replayed {
  const session = new Session(scenario, seed);
  for (const m of watched) session.watched.add(m);
  let applied = 0;
  for (const e of entries) {
    if (session.done) break;
    session.advance(e.atMs - session.now);
    if (session.done || session.now !== e.atMs) break;
    apply(session, e);
    applied++;
  }
  session.drill.runToEnd();
  return { session, applied };
}

function apply(session: Session, e: JournalEntry): void {
  switch (e.kind) {
    case 'command':
      session.submit(e.command, e.by);
      return;
    case 'inject':
      session.inject(e.inject, e.by);
      return;
    case 'hint':
      session.revealHint(e.index, e.by);
      return;
    case 'note':
      session.note(e.text, e.by);
      return;
    case 'end':
      session.end(e.by);
      return;
  }
}

/** Replays a journal's entries and returns the session (see `replayJournal`). */
export function replay(scenario: Scenario, seed: number, entries: readonly JournalEntry[], watched: readonly string[] = []): Session {
  return replayJournal(scenario, seed, entries, watched).session;
}
