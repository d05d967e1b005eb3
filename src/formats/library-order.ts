import { curriculumOrder, type Curriculum } from './curriculum.js';
import type { ScenarioMeta } from './scenario.js';

/**
 * The order a person browses the library in: the curriculum's, from a rollback that takes
 * seconds to data loss no play can win, with each guarded variant right after the scenario
 * whose guardrail it turns on (the incident first, then the world where it is prevented).
 * Scenarios the curriculum does not place come after those it does, by id.
 */
export function libraryOrder(scenarios: readonly ScenarioMeta[], curriculum: Curriculum): ScenarioMeta[] {
  const rank = new Map(curriculumOrder(curriculum).map((e, i) => [e.scenario, i]));
  const ids = new Set(scenarios.map((s) => s.id));
  const guarded = (s: ScenarioMeta): boolean => s.variantOf !== undefined && ids.has(s.variantOf);
  const byRank = (a: ScenarioMeta, b: ScenarioMeta): number => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const out: ScenarioMeta[] = [];
  for (const s of scenarios.filter((x) => !guarded(x)).sort(byRank)) {
    out.push(s, ...scenarios.filter((v) => guarded(v) && v.variantOf === s.id).sort(byRank));
  }
  return out;
}
