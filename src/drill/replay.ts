import type { JournalEntry } from '../formats/journal.js';
import type { Scenario } from '../formats/scenario.js';
import { Session } from './session.js';

export interface Replayed {
  session: Session;
  /** How many entries were replayed; fewer than the journal holds when its drill ended sooner here, or one was refused. */
  applied: number;
  /**
   * A command the drill refused before it reached the world (not a command, an unknown verb or
   * option): a drill journals no such command, so the replay stops there and says which and why.
   */
  refused?: { index: number; reason: string };
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
    const refusal = apply(session, e);
    if (refusal !== undefined) return { session, applied, refused: { index: applied, reason: refusal } };
    applied++;
  }
  session.drill.runToEnd();
  return { session, applied };
}

/** Applies an entry; why the drill refused it, if it refused a command or an inject before it reached the world. */
function apply(session: Session, e: JournalEntry): string | undefined {
  switch (e.kind) {
    case 'command': {
      // A refused command's record has id 0 and always a reason.
      const record = session.submit(e.command, e.by);
      return record.id === 0 ? record.reason! : undefined;
    }
    case 'inject': {
      const result = session.inject(e.inject, e.by);
      return typeof result === 'string' ? result : undefined;
    }
    case 'hint':
      session.revealHint(e.index, e.by);
      return undefined;
    case 'note':
      session.note(e.text, e.by);
      return undefined;
    case 'end':
      session.end(e.by);
      return undefined;
  }
}

/** Replays a journal's entries and returns the session (see `replayJournal`). */
export function replay(scenario: Scenario, seed: number, entries: readonly JournalEntry[], watched: readonly string[] = []): Session {
  return replayJournal(scenario, seed, entries, watched).session;
}
