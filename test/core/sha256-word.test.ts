import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ONE_BLOCK_CHARS, sha256Word } from '../../src/core/sha256-word.js';

const reference = (text: string): number => createHash('sha256').update(text).digest().readUInt32BE(0);

describe('sha256Word', () => {
  it('gives the first four bytes of SHA-256 for every length a single block holds', () => {
    for (let n = 0; n <= ONE_BLOCK_CHARS; n++) {
      const text = 'user-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(0, n);
      expect(sha256Word(text), `${n} characters`).toBe(reference(text));
    }
  });

  it('agrees with node:crypto on any short ASCII text and on a population’s user ids', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: ONE_BLOCK_CHARS }), (text) => {
        expect(sha256Word(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
    for (let i = 0; i < 20_000; i += 7) expect(sha256Word(`user-${i}`)).toBe(reference(`user-${i}`));
  });

  it('refuses text it does not cover rather than hash it wrong', () => {
    expect(() => sha256Word('x'.repeat(ONE_BLOCK_CHARS + 1))).toThrow(/up to 55 characters/);
    expect(() => sha256Word('usér-1')).toThrow(/ASCII/);
  });
});
