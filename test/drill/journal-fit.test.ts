import { describe, expect, it } from 'vitest';
import { journalMisfit } from '../../src/drill/journal-fit.js';
import type { JournalEntry } from '../../src/formats/journal.js';
import { scenario } from '../helpers.js';

const spike = scenario('latency-spike');
const horizonMs = spike.spec.horizonMs;

describe('journalMisfit', () => {
  it('finds nothing wrong with entries the scenario could have had', () => {
    const entries: JournalEntry[] = [
      { atMs: 21_000, kind: 'inject', by: 'facilitator', inject: spike.meta.injects[0]!.id },
      { atMs: 30_000, kind: 'hint', by: 'facilitator', index: spike.meta.hints.length - 1 },
      { atMs: horizonMs - 1000, kind: 'note', by: 'bo', text: 'last second' },
    ];
    expect(journalMisfit(spike, entries)).toBeUndefined();
  });

  it('refuses an entry at or after the horizon, where the drill has ended', () => {
    const late: JournalEntry = { atMs: horizonMs + 1000, kind: 'command', by: 'team', command: 'declare' };
    expect(journalMisfit(spike, [{ atMs: 1000, kind: 'note', by: 'bo', text: 'hi' }, late])).toEqual({
      index: 1,
      field: 'atMs',
      message: `at 2:00:01, after latency-spike's horizon (2:00:00), where its drill ends: no drill records anything there`,
    });
    expect(journalMisfit(spike, [{ ...late, atMs: horizonMs }])?.message).toBe(`at 2:00:00, at latency-spike's horizon (2:00:00), where its drill ends: no drill records anything there`);
  });

  it('refuses an inject the scenario does not declare, and a hint past its last', () => {
    expect(journalMisfit(spike, [{ atMs: 1000, kind: 'inject', by: 'facilitator', inject: 'meteor' }])).toEqual({
      index: 0,
      field: 'inject',
      message: expect.stringMatching(/^inject 'meteor' is not one of latency-spike's \(/),
    });
    expect(journalMisfit(spike, [{ atMs: 1000, kind: 'hint', by: 'facilitator', index: spike.meta.hints.length }])?.field).toBe('hint');
  });
});
