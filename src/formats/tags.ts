import type { ScenarioMeta } from './scenario.js';

/**
 * A scenario's tags, derived from what it already states, never written twice: each layer it
 * touches (`layer:data`), each rollback pattern it teaches (`pattern:unified-rollback`, the
 * curriculum's names), and the source article it comes from (`source:ai-rollback-strategies`).
 * A sweep picks scenarios by them as test runners pick tests by tag.
 */
export function scenarioTags(meta: Pick<ScenarioMeta, 'layers' | 'patterns' | 'source'>): string[] {
  const source = sourceTag(meta.source.article);
  return [...meta.layers.map((l) => `layer:${l}`), ...meta.patterns.map((p) => `pattern:${p}`), ...(source ? [`source:${source}`] : [])];
}

/** The article's title up to its subtitle, as a slug: "AI Rollback Strategies: Lessons ... (file)" -> ai-rollback-strategies. */
export function sourceTag(article: string): string {
  const title = article.replace(/\s*\(.*$/s, '').split(':')[0]!;
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Whether a tag is the one asked for: the whole tag (`layer:data`) or its value alone (`data`). */
export function tagMatches(tag: string, wanted: string): boolean {
  return tag === wanted || tag.slice(tag.indexOf(':') + 1) === wanted;
}
