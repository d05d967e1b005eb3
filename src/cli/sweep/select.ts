import { nearest } from '../../core/names.js';
import { tagMatches } from '../../formats/tags.js';
import { UsageError } from '../io.js';

/**
 * Which scenarios a run keeps, as test runners choose tests: `--grep` and `--exclude` are
 * regular expressions over a scenario's id, title and tags (the second drops what it matches),
 * `--tag` keeps scenarios carrying any of the tags given.
 */
export interface Selection {
  grep: RegExp | null;
  exclude: RegExp | null;
  tags: string[];
}

export const SELECT_ALL: Selection = { grep: null, exclude: null, tags: [] };

export interface Selectable {
  id: string;
  title: string;
  tags: readonly string[];
}

function pattern(text: string | undefined, option: string, command: string): RegExp | null {
  if (text === undefined) return null;
  if (text === '') throw new UsageError(`--${option} needs a pattern`, command);
  try {
    return new RegExp(text, 'i');
  } catch (e) {
    throw new UsageError(`--${option} '${text}' is not a regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`, command);
  }
}

/** The selection the options ask for; --tag may be given many times, each a comma-separated list. */
export function selectionOf(values: { grep?: unknown; exclude?: unknown; tag?: unknown }, command: string): Selection {
  const tags = ((values.tag as string[] | undefined) ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter((t) => t !== '');
  return { grep: pattern(values.grep as string | undefined, 'grep', command), exclude: pattern(values.exclude as string | undefined, 'exclude', command), tags };
}

export function isSelecting(s: Selection): boolean {
  return s.grep !== null || s.exclude !== null || s.tags.length > 0;
}

export function selects(s: Selection, x: Selectable): boolean {
  const text = `${x.id} ${x.title} ${x.tags.join(' ')}`;
  if (s.grep && !s.grep.test(text)) return false;
  if (s.exclude && s.exclude.test(text)) return false;
  return s.tags.length === 0 || s.tags.some((t) => x.tags.some((have) => tagMatches(have, t)));
}

/** A tag no scenario given carries is a typo, not an empty choice: say so, with the nearest tag. */
export function checkTags(s: Selection, all: readonly Selectable[], command: string): void {
  const known = [...new Set(all.flatMap((x) => x.tags))].sort();
  for (const t of s.tags) {
    if (known.some((k) => tagMatches(k, t))) continue;
    const guess = nearest(t, [...known, ...new Set(known.map((k) => k.slice(k.indexOf(':') + 1)))]);
    throw new UsageError(`no scenario given has the tag '${t}'${guess ? `; did you mean '${guess}'?` : ''} (tags: ${known.join(', ')})`, command);
  }
}

/** The options as typed, for the command that runs the same selection again. */
export function selectionWords(s: Selection): string[] {
  return [...(s.tags.length > 0 ? ['--tag', s.tags.join(',')] : []), ...(s.grep ? ['--grep', s.grep.source] : []), ...(s.exclude ? ['--exclude', s.exclude.source] : [])];
}
