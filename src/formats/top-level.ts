import { parse } from 'yaml';

/** A key at the start of a line: it opens an entry of a block-style file's top-level mapping. */
const ENTRY = /^["']?([^\s"'#:-][^"':]*?)["']?\s*:(?:\s|$)/;

/**
 * Some top-level fields of a YAML file, read without parsing the rest: the lines of each wanted
 * entry (its key, then everything indented under it) are cut out and parsed alone. For a short
 * look at many files (the titles of a library) where parsing each whole would cost more than
 * the look. Undefined when the file is not a block-style mapping this can cut, or the cut
 * does not parse: the caller then reads the file whole.
 */
export function topLevelFields(text: string, keys: readonly string[]): Record<string, unknown> | undefined {
  const kept: string[] = [];
  let keeping = false;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(' ') || line.startsWith('\t') || line.startsWith('#')) {
      if (keeping) kept.push(line);
      continue;
    }
    const key = ENTRY.exec(line)?.[1];
    if (key === undefined) return undefined;
    keeping = keys.includes(key);
    if (keeping) kept.push(line);
  }
  try {
    const data = parse(kept.join('\n')) as unknown;
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
