import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { keysIn, PLAIN } from '../../src/tui/key-chunks.js';

const plain = (over: Partial<Key> = {}): Key => ({ ...PLAIN, ...over });

describe('the keys a chunk of input holds', () => {
  it('splits characters that arrived together into one key each, in order', () => {
    expect(keysIn('p++', plain()).map(([input]) => input)).toEqual(['p', '+', '+']);
  });

  it('reads Enter, Tab, backspace and Ctrl letters inside a chunk as the keys they are', () => {
    const keys = keysIn('a\tb\x7f\x15c\r', plain());
    expect(keys.map(([input, k]) => [input, k.tab, k.delete, k.ctrl, k.return])).toEqual([
      ['a', false, false, false, false],
      ['', true, false, false, false],
      ['b', false, false, false, false],
      ['', false, true, false, false],
      ['u', false, false, true, false],
      ['c', false, false, false, false],
      ['', false, false, false, true],
    ]);
  });

  it('takes a pasted line ending as one Enter', () => {
    expect(keysIn('ls\r\n', plain()).filter(([, k]) => k.return)).toHaveLength(1);
  });

  it('leaves a single key, and a key with a modifier, as Ink gave it', () => {
    const esc = plain({ escape: true, meta: true });
    expect(keysIn('', esc)).toEqual([['', esc]]);
    expect(keysIn('+', plain())).toEqual([['+', plain()]]);
    const alt = plain({ meta: true });
    expect(keysIn('ab', alt)).toEqual([['ab', alt]]);
  });

  it('marks a capital letter as shifted, as Ink does for one typed alone', () => {
    expect(keysIn('aB', plain()).map(([, k]) => k.shift)).toEqual([false, true]);
  });
});
