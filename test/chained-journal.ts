import { createHash } from 'node:crypto';

/**
 * Journal lines chained as the format's documentation says, computed here without the code
 * under test: each line after the header carries `prev`, the SHA-256 of the line before it
 * (its bytes with their newline); the end line also carries `journal`, the SHA-256 of every
 * byte before it followed by itself as it reads without that field.
 */
export const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/** The lines of a journal (the header first, an object with `end` last if it has one) as a chained journal's text. */
export function chainJournal(values: readonly object[]): string {
  const [header, ...rest] = values.map(withoutChain);
  let text = `${JSON.stringify(header)}\n`;
  let previous = text;
  for (const value of rest) {
    const unsigned = `${JSON.stringify({ ...value, prev: sha256(previous) })}\n`;
    const line = 'end' in value ? `${unsigned.slice(0, -2)},"journal":"${sha256(text + unsigned)}"}\n` : unsigned;
    text += line;
    previous = line;
  }
  return text;
}

function withoutChain(value: object): object {
  const { prev: _prev, journal: _journal, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** A journal's lines, parsed. */
export const parsedLines = (text: string): Record<string, unknown>[] =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
