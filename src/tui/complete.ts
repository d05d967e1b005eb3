import { completeCommand, previewCommand, type Completion } from '../core/command-line.js';
import type { World } from '../core/world.js';

/**
 * Tab completion for the command line: what the verbs' declarations expect at the word being
 * typed, from the world as it is now. A leading `@name` (who typed it) is left as it is.
 */
export function completeLine(world: World, line: string): Completion {
  const by = /^\s*@\S*/.exec(line);
  if (!by) return completeCommand(world, line);
  const rest = line.slice(by[0].length);
  // Still typing the name itself: nothing to offer.
  if (!/^\s/.test(rest)) return { start: line.length, candidates: [] };
  const { start, candidates } = completeCommand(world, rest);
  return { start: start + by[0].length, candidates };
}

/** What the command being typed will choose for what it leaves out (see previewCommand), past a leading `@name`. */
export function previewLine(world: World, line: string): string | undefined {
  const by = /^\s*@\S*\s/.exec(line);
  return previewCommand(world, by ? line.slice(by[0].length) : line);
}
