/**
 * The command line's state as plain data, so the key router and tests drive it without a
 * screen: the text, the history walked with Up and Down, and Tab completion.
 */
export interface LineState {
  text: string;
  history: string[];
  /** Where Up/Down stands in the history (history.length: the line being typed). */
  cursor: number;
  /** What the line held before walking the history, restored by walking back down. */
  draft: string;
  /** Candidates offered by the last Tab when there was more than one. */
  candidates: string[];
}

export type Completer = (line: string) => { start: number; candidates: string[] };

/** At most this many lines of history are kept. */
const HISTORY_LIMIT = 200;

export const emptyLine: LineState = { text: '', history: [], cursor: 0, draft: '', candidates: [] };

export function typeText(s: LineState, input: string): LineState {
  return { ...s, text: s.text + input, candidates: [] };
}

export function backspace(s: LineState): LineState {
  return { ...s, text: s.text.slice(0, -1), candidates: [] };
}

export function clearLine(s: LineState): LineState {
  return { ...s, text: '', candidates: [], cursor: s.history.length };
}

export function historyUp(s: LineState): LineState {
  if (s.cursor === 0) return s;
  const draft = s.cursor === s.history.length ? s.text : s.draft;
  return { ...s, cursor: s.cursor - 1, text: s.history[s.cursor - 1]!, draft, candidates: [] };
}

export function historyDown(s: LineState): LineState {
  if (s.cursor >= s.history.length) return s;
  const cursor = s.cursor + 1;
  return { ...s, cursor, text: cursor === s.history.length ? s.draft : s.history[cursor]!, candidates: [] };
}

/** Enter: the text to run, and the state with it added to the history. */
export function submitLine(s: LineState): { text: string; state: LineState } {
  const text = s.text.trim();
  const history = text === '' || s.history.at(-1) === text ? s.history : [...s.history, text].slice(-HISTORY_LIMIT);
  return { text, state: { text: '', history, cursor: history.length, draft: '', candidates: [] } };
}

/** Tab: completes the word being typed as far as every candidate agrees, and lists them when several remain. */
export function complete(s: LineState, completer: Completer): LineState {
  const { start, candidates } = completer(s.text);
  if (candidates.length === 0) return { ...s, candidates: [] };
  const prefix = commonPrefix(candidates);
  const head = s.text.slice(0, start);
  if (candidates.length === 1) return { ...s, text: `${head}${candidates[0]} `, candidates: [] };
  const typed = s.text.slice(start);
  return { ...s, text: prefix.length > typed.length ? head + prefix : s.text, candidates };
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
