import { formatClock } from '../core/monitors.js';
import type { JournalEntry } from '../formats/journal.js';
import type { Scenario } from '../formats/scenario.js';

/** An entry of a journal that no drill of the scenario could have recorded: which (counted from 0), its field, and why. */
export interface JournalMisfit {
  index: number;
  field: string;
  message: string;
}

/**
 * The first entry that could not have come from a drill of this scenario, whatever was done in
 * it: one at or after the horizon (the drill ends there and records nothing more), an inject
 * the scenario does not declare, a hint past its last. Such a journal was recorded against
 * another scenario, or changed since; replayed, the entry would be dropped without a word.
 */
export function journalMisfit(scenario: Scenario, entries: readonly JournalEntry[]): JournalMisfit | undefined {
  const { id } = scenario.meta;
  const { horizonMs } = scenario.spec;
  const injects = new Set(scenario.meta.injects.map((i) => i.id));
  const hints = scenario.meta.hints.length;
  for (const [index, e] of entries.entries()) {
    if (e.atMs >= horizonMs) {
      const where = e.atMs === horizonMs ? 'at' : 'after';
      const message = `at ${formatClock(e.atMs)}, ${where} ${id}'s horizon (${formatClock(horizonMs)}), where its drill ends: no drill records anything there`;
      return { index, field: 'atMs', message };
    }
    if (e.kind === 'inject' && !injects.has(e.inject)) {
      return { index, field: 'inject', message: `inject '${e.inject}' is not one of ${id}'s (${[...injects].join(', ') || 'it has none'})` };
    }
    if (e.kind === 'hint' && e.index >= hints) {
      return { index, field: 'hint', message: `hint ${e.index} is past ${id}'s ${hints} hints (counted from 0)` };
    }
  }
  return undefined;
}
