import type { JournalEntry } from '../formats/journal.js';
import type { Scenario } from '../formats/scenario.js';
import { Session } from './session.js';

/**
 * Re-runs a drill from its journal: the same commands at the same simulated times, with no
 * actor deciding anything. The result is the drill that was recorded.
 */
export function replay(scenario: Scenario, seed: number, entries: readonly JournalEntry[], watched: readonly string[] = []): Session {
  const session = new Session(scenario, seed);
  for (const m of watched) session.watched.add(m);
  for (const e of entries) {
    if (session.done) break;
    session.advance(e.atMs - session.now);
    if (session.done || session.now !== e.atMs) break;
    const inject = /^inject (\S+)$/.exec(e.command);
    if (inject && e.by === 'facilitator') session.inject(inject[1]!);
    else session.submit(e.command, e.by);
  }
  session.drill.runToEnd();
  return session;
}
