import { VERBS } from '../core/actions/catalogue.js';
import type { World } from '../core/world.js';

/** Tab completion for the command line: verbs first, then the names the world knows. */
export function completeLine(world: World, line: string): { start: number; candidates: string[] } {
  const start = line.lastIndexOf(' ') + 1;
  const word = line.slice(start);
  const first = line.trimStart().startsWith('@') ? 1 : 0;
  const words = line.slice(0, start).trim().split(/\s+/).filter(Boolean);
  const names = words.length === first ? [...VERBS.keys(), 'help'] : [...world.components.keys(), ...world.routes.map((r) => r.name), ...world.spec.releases.map((r) => r.id)];
  return { start, candidates: [...new Set(names)].filter((n) => n.startsWith(word)).sort() };
}
