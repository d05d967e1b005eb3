import type { Key } from 'ink';

/**
 * Ink hands a screen's input handler a whole chunk of what the terminal sent: keys typed
 * faster than a frame, a paste, `++` from a key held down. Escape sequences (arrows, Esc)
 * arrive on their own; a run of ordinary characters arrives as one string. Screens route one
 * key at a time, so that `p++` pauses and steps the speed twice, and `ey` asks and confirms.
 */

/** A key with no flag set: an ordinary character. */
export const PLAIN: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** Flags that make a chunk one key whatever its text (an arrow, Esc, a key with a modifier). */
const WHOLE: readonly (keyof Key)[] = ['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageDown', 'pageUp', 'home', 'end', 'escape', 'ctrl', 'meta', 'super', 'hyper'];

/** One character as the key it is, the way Ink reads a character sent alone. */
function keyOf(ch: string): [string, Key] {
  if (ch === '\r' || ch === '\n') return ['', { ...PLAIN, return: true }];
  if (ch === '\t') return ['', { ...PLAIN, tab: true }];
  if (ch === '\b') return ['', { ...PLAIN, backspace: true }];
  if (ch === '\x7f') return ['', { ...PLAIN, delete: true }];
  if (ch < ' ') return [String.fromCharCode(ch.charCodeAt(0) + 96), { ...PLAIN, ctrl: true }];
  return [ch, { ...PLAIN, shift: /^[A-Z]$/.test(ch) }];
}

/** The keys a chunk holds, in order: the chunk itself when it is one key. */
export function keysIn(input: string, key: Key): [string, Key][] {
  const chars = [...input];
  if (chars.length <= 1 || WHOLE.some((flag) => key[flag] === true)) return [[input, key]];
  const out: [string, Key][] = [];
  chars.forEach((ch, i) => {
    // A pasted line ending: one Enter, not two.
    if (ch === '\n' && chars[i - 1] === '\r') return;
    out.push(keyOf(ch));
  });
  return out;
}
