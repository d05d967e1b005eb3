import fc from 'fast-check';
import { JOURNAL_FORMAT_VERSION, type JournalEntry, type JournalHeader } from '../src/formats/journal.js';

/** A journal header of the current format for a made-up scenario, with the fields a test cares about changed. */
export function testHeader(over: Partial<JournalHeader> = {}): JournalHeader {
  return {
    format: 'firedrill-journal',
    formatVersion: JOURNAL_FORMAT_VERSION,
    firedrill: '0.1.0',
    worldVersion: 1,
    scenario: { id: 's', file: 'scenarios/s.yaml', digest: 'sha256:00' },
    seed: 3,
    mode: 'team',
    executor: 'people',
    playbooks: [],
    watched: [],
    ...over,
  };
}

const name = fc.string({ minLength: 1, maxLength: 12 });

/** An entry of any kind, without its time. */
export const entryArbitrary: fc.Arbitrary<Omit<JournalEntry, 'atMs'>> = fc.oneof(
  fc.record({ kind: fc.constant('command' as const), by: name, command: name }),
  fc.record({ kind: fc.constant('inject' as const), by: name, inject: name }),
  fc.record({ kind: fc.constant('hint' as const), by: name, index: fc.nat(5) }),
  fc.record({ kind: fc.constant('note' as const), by: name, text: fc.string({ maxLength: 40 }) }),
);
