import { basename } from 'node:path';
import type { ScenarioMeta } from '../formats/scenario.js';
import { topLevelFields } from '../formats/top-level.js';
import { readInput, yamlFilesIn } from './files.js';
import { SCENARIO_DIR } from './package.js';

/** What `firedrill list` shows of a scenario, its tags included. */
export type ScenarioSummary = Pick<ScenarioMeta, 'id' | 'title' | 'layers' | 'source' | 'playbooks' | 'patterns'>;

const FIELDS = ['id', 'title', 'layers', 'source', 'playbooks', 'patterns'] as const;

const isText = (v: unknown): v is string => typeof v === 'string';

/** The fields a summary needs, each of the type it needs, or undefined. */
function summaryOf(data: Record<string, unknown> | undefined): ScenarioSummary | undefined {
  if (!data) return undefined;
  const { id, title, layers, source, playbooks, patterns = [] } = data as Record<(typeof FIELDS)[number], unknown>;
  const s = (source ?? {}) as Record<string, unknown>;
  const p = (playbooks ?? {}) as Record<string, unknown>;
  const { incident, article } = s;
  const { naive, reference } = p;
  if (!isText(id) || !isText(title) || !Array.isArray(layers) || !layers.every(isText) || !Array.isArray(patterns) || !patterns.every(isText)) return undefined;
  if (!isText(incident) || !isText(article) || !isText(naive) || !isText(reference)) return undefined;
  // The names are the loader's to check, on every run of a scenario and in the tests; list shows them.
  return { id, title, layers: layers as ScenarioSummary['layers'], patterns: patterns as ScenarioSummary['patterns'], source: { incident, article }, playbooks: { naive, reference } };
}

/**
 * The built-in scenarios as `list` shows them, in file-name order, read from the few fields it
 * shows: the whole library is checked by the loader wherever a scenario runs (and by the tests),
 * and reading it whole here would cost ten times the rest of `list`. A file the short read
 * cannot take is loaded whole, and so still listed, or refused with its problems.
 */
export async function builtinSummaries(): Promise<ScenarioSummary[]> {
  const out: ScenarioSummary[] = [];
  for (const file of yamlFilesIn(SCENARIO_DIR)) {
    const short = summaryOf(topLevelFields(readInput(file), FIELDS));
    if (short && short.id === basename(file).replace(/\.ya?ml$/, '')) {
      out.push(short);
      continue;
    }
    const { scenarioFromFile } = await import('./library.js');
    out.push(scenarioFromFile(file).meta);
  }
  return out;
}
