import { describe, expect, it } from 'vitest';
import { resultHasCharts } from '../../../src/cli/sweep/outputs.js';

describe('which results carry charts', () => {
  it('the HTML report and the JSON result do, in the detailed report of each case', () => {
    expect(resultHasCharts(['html'], false)).toBe(true);
    expect(resultHasCharts(['json'], false)).toBe(true);
    expect(resultHasCharts(['json', 'md', 'junit', 'html'], false)).toBe(true);
    // The document --json prints is the JSON result too: a merge can draw it later.
    expect(resultHasCharts(null, true)).toBe(true);
  });

  it('a run writing only Markdown or JUnit, or printing its summary, records none', () => {
    expect(resultHasCharts(['md'], false)).toBe(false);
    expect(resultHasCharts(['junit'], false)).toBe(false);
    expect(resultHasCharts(['md', 'junit'], false)).toBe(false);
    expect(resultHasCharts(null, false)).toBe(false);
  });
});
