import { useRef, useState } from 'react';

/**
 * State that key handlers can read back at once. Several keys can arrive in one chunk (a paste,
 * key repeat, a busy moment) and their handlers run before React renders again: each must see
 * what the one before it set, which plain state would not show it.
 */
export function useRefState<T>(initial: T): [T, (next: T | ((current: T) => T)) => void, { readonly current: T }] {
  const ref = useRef(initial);
  const [value, setValue] = useState(initial);
  const set = (next: T | ((current: T) => T)): void => {
    ref.current = typeof next === 'function' ? (next as (current: T) => T)(ref.current) : next;
    setValue(ref.current);
  };
  return [value, set, ref];
}
