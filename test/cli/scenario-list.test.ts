import { describe, expect, it } from 'vitest';
import { builtinScenarios } from '../../src/cli/library.js';
import { builtinSummaries } from '../../src/cli/scenario-list.js';

describe('the built-in scenarios as list shows them', () => {
  it('are read from a few fields exactly as the loader reads the whole files', async () => {
    const whole = builtinScenarios().map(({ meta: { id, title, layers, source, playbooks, patterns } }) => ({ id, title, layers, patterns, source, playbooks }));
    expect(whole.length).toBeGreaterThan(20);
    expect(await builtinSummaries()).toEqual(whole);
  });
});
