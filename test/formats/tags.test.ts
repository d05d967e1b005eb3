import { describe, expect, it } from 'vitest';
import { scenarioTags, sourceTag, tagMatches } from '../../src/formats/tags.js';
import { scenario } from '../helpers.js';

describe('scenario tags', () => {
  it('are the layers, patterns and source article a scenario states', () => {
    expect(scenarioTags(scenario('payment-schema-rollback').meta)).toEqual(['layer:serving', 'layer:data', 'pattern:unified-rollback', 'source:ai-rollback-strategies']);
    expect(scenarioTags(scenario('loan-approval-drop').meta)).toContain('source:playbooks-for-rolling-back-problematic-ai-generated-deployments');
  });

  it('name an article by its title up to the subtitle, whatever the file it points at', () => {
    expect(sourceTag('AI Rollback Strategies: Lessons from Failures (shared/sources/000_cf24067d028cad89.txt)')).toBe('ai-rollback-strategies');
    expect(sourceTag('Our own postmortem, 2026')).toBe('our-own-postmortem-2026');
  });

  it('match the whole tag or its value alone', () => {
    expect(tagMatches('layer:data', 'data')).toBe(true);
    expect(tagMatches('layer:data', 'layer:data')).toBe(true);
    expect(tagMatches('layer:data', 'dat')).toBe(false);
    expect(tagMatches('pattern:unified-rollback', 'layer:unified-rollback')).toBe(false);
  });
});
