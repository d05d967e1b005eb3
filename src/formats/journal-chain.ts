import { createHash, type Hash } from 'node:crypto';
import { CHAINED_FROM_VERSION, journalLine, type JournalEnd, type JournalEntry, type JournalHeader } from './journal.js';
import { digestOf } from './journal-digest.js';

const hexOf = (hash: Hash): string => `sha256:${hash.digest('hex')}`;

/**
 * Writes a journal's lines as a chain: every line after the header carries `prev`, the digest of
 * the line before it (its exact bytes, newline included); the end line also carries `journal`,
 * the digest of every byte before it followed by itself as it reads without that field. Nothing
 * in the chain depends on when it was written: the same drill gives the same bytes.
 */
export class JournalChain {
  readonly headerLine: string;
  private previous: string;
  /** Every byte written so far. */
  private readonly whole = createHash('sha256');

  constructor(header: JournalHeader) {
    if (header.formatVersion < CHAINED_FROM_VERSION) {
      throw new Error(`a journal of format ${header.formatVersion} has no digest chain: chained journals start at format ${CHAINED_FROM_VERSION}`);
    }
    this.headerLine = journalLine(header);
    this.previous = this.headerLine;
    this.whole.update(this.headerLine, 'utf8');
  }

  entryLine(entry: JournalEntry): string {
    return this.add(journalLine({ ...entry, prev: digestOf(this.previous) }));
  }

  endLine(end: JournalEnd['end']): string {
    const unsigned = journalLine({ end, prev: digestOf(this.previous) });
    const journal = hexOf(this.whole.copy().update(unsigned, 'utf8'));
    return this.add(`${unsigned.slice(0, -'}\n'.length)},"journal":"${journal}"}\n`);
  }

  private add(line: string): string {
    this.previous = line;
    this.whole.update(line, 'utf8');
    return line;
  }
}
