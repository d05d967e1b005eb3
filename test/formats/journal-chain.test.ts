import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JournalChain } from '../../src/formats/journal-chain.js';
import { parseJournal, type JournalEntry } from '../../src/formats/journal.js';
import { chainJournal, sha256 } from '../chained-journal.js';
import { testHeader } from '../journal-fixtures.js';

const HEADER = testHeader();

const text = fc.string({ maxLength: 30, unit: 'binary' });
const entryArbitrary: fc.Arbitrary<Omit<JournalEntry, 'atMs'>> = fc.oneof(
  fc.record({ kind: fc.constant('command' as const), by: fc.string({ minLength: 1, maxLength: 12 }), command: fc.string({ minLength: 1, maxLength: 30, unit: 'binary' }) }),
  fc.record({ kind: fc.constant('note' as const), by: fc.string({ minLength: 1, maxLength: 12 }), text }),
);

describe('JournalChain', () => {
  it('writes the chain the format documents: each line the digest of the one before, the end line the digest of the whole', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5000), entryArbitrary), { maxLength: 8 }), (steps) => {
        let atMs = 0;
        const entries = steps.map(([gapMs, e]) => ({ atMs: (atMs += gapMs), ...e }) as JournalEntry);
        const end = { atMs, verdict: 'FAIL' as const, result: 'sha256:ab' };
        const chain = new JournalChain(HEADER);
        const written = chain.headerLine + entries.map((e) => chain.entryLine(e)).join('') + chain.endLine(end);
        expect(written).toBe(chainJournal([HEADER, ...entries, { end }]));
        const parsed = parseJournal(written, 'drill.journal');
        expect(parsed.chained).toBe(true);
        expect(parsed.entries).toEqual(entries);
        expect(parsed.end).toEqual(end);
      }),
      { numRuns: 100 },
    );
  });

  it('holds in each entry line the SHA-256 of the exact bytes of the line before it, newline included', () => {
    const chain = new JournalChain(HEADER);
    const first = chain.entryLine({ atMs: 1000, kind: 'note', by: 'bo', text: 'é' });
    expect(JSON.parse(first).prev).toBe(sha256(chain.headerLine));
    expect(JSON.parse(chain.entryLine({ atMs: 2000, kind: 'command', by: 'bo', command: 'declare' })).prev).toBe(sha256(first));
  });

  it('refuses to chain a header of a format that has no chain', () => {
    expect(() => new JournalChain({ ...HEADER, formatVersion: 2 })).toThrow(/format 2/);
  });
});
