import { describe, expect, it } from 'vitest';
import { replayJournal } from '../../src/drill/replay.js';
import type { JournalEntry } from '../../src/formats/journal.js';
import { scenario } from '../helpers.js';

const ID = 'batched-change-rollback';
const by = 'playbook p';

describe('replayJournal', () => {
  it('applies every entry of a journal a drill could have written, and runs on to the end', () => {
    const entries: JournalEntry[] = [
      { atMs: 190_000, kind: 'command', by, command: 'rollback lb-routing' },
      { atMs: 241_000, kind: 'command', by, command: 'rollback conn-pool' },
    ];
    const { session, applied, refused } = replayJournal(scenario(ID), 5, entries);
    expect(refused).toBeUndefined();
    expect(applied).toBe(2);
    expect(session.done).toBe(true);
    expect(session.result().actions.map((a) => a.command)).toEqual(['rollback lb-routing', 'rollback conn-pool']);
  });

  it('stops at a command the drill refuses before it reaches the world, which no drill journals, and says which and why', () => {
    const entries: JournalEntry[] = [
      { atMs: 190_000, kind: 'command', by, command: 'rollback lb-routing' },
      { atMs: 200_000, kind: 'command', by, command: 'inject meteor' },
      { atMs: 241_000, kind: 'command', by, command: 'rollback conn-pool' },
    ];
    const { applied, refused } = replayJournal(scenario(ID), 5, entries);
    expect(applied).toBe(1);
    expect(refused).toEqual({ index: 1, reason: expect.stringMatching(/unknown command 'inject'/) });
  });
});
