/**
 * Text from files (titles, briefings, explanations, names) reaches terminals and documents. A
 * control character in it would act instead of showing: ESC clears a screen or rewrites a line,
 * a carriage return overwrites one, a bidirectional override reorders what a reader sees. Made
 * inert, each shows as its escape (`\x1b`, `\u202e`); everything else, emoji included, is kept.
 */

/** C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, with tab and line feed: for text shown on one line. */
const ACTIVE_ON_A_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function shown(c: string): string {
  if (c === '\r') return '\\r';
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text that may span lines: line feeds and tabs kept, every other control character shown as its escape. */
export function inertText(text: string): string {
  return text.replace(ACTIVE, shown);
}

/** Text on one line: line feeds and tabs become spaces, other control characters show as escapes. */
export function inertLine(text: string): string {
  return text.replace(ACTIVE_ON_A_LINE, (c) => (c === '\n' || c === '\t' ? ' ' : shown(c)));
}

/** Whether a text holds anything `inertText` would change. */
export function hasActive(text: string): boolean {
  ACTIVE.lastIndex = 0;
  return ACTIVE.test(text);
}

/** Every string in a value (object keys too) made inert: what a renderer gets when its input came from a file. */
export function inertStrings<T>(value: T): T {
  if (typeof value === 'string') return inertText(value) as T;
  if (Array.isArray(value)) return value.map(inertStrings) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[inertText(k)] = inertStrings(v);
    return out as T;
  }
  return value;
}

/** JSON text with no active character: JSON escapes C0 controls itself, not C1 nor bidirectional ones. */
export function inertJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
