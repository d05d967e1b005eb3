import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpIndex } from '../../src/core/command-line.js';
import { BUILTIN_METRICS } from '../../src/core/metric-table.js';
import { HINT_STEP_MS } from '../../src/formats/hints.js';
import { PATTERNS } from '../../src/formats/patterns.js';
import { MAX_HINTS, MIN_HINTS } from '../../src/formats/scenario-schema.js';
import { SCENARIOS } from '../helpers.js';

const guide = readFileSync(join(SCENARIOS, 'README.md'), 'utf8');

describe('the scenario guide', () => {
  it('documents every operator command with the usage its declaration gives', () => {
    const table = guide.slice(guide.indexOf('## Operator commands'), guide.indexOf('## Playbooks'));
    for (const { name, usage } of helpIndex()) expect(table, name).toContain(`| \`${usage.replaceAll('|', '\\|')}\` |`);
  });

  it('lists every built-in metric with its unit and which way is better', () => {
    for (const m of BUILTIN_METRICS) expect(guide, m.name).toContain(`| \`${m.name}\` | ${m.unit} | ${m.good} |`);
  });

  it('lists every rollback pattern with what it teaches', () => {
    const table = guide.slice(guide.indexOf('### Patterns'), guide.indexOf('### Routes'));
    for (const [name, teaches] of Object.entries(PATTERNS)) expect(table, name).toContain(`| \`${name}\` | ${teaches} |`);
  });

  it('states the hint rules the loader applies', () => {
    const section = guide.slice(guide.indexOf('### Hints'), guide.indexOf('### Patterns'));
    expect(section).toContain(`Write ${MIN_HINTS} to ${MAX_HINTS}`);
    expect(HINT_STEP_MS, 'the guide says one minute: update it with the step').toBe(60_000);
    expect(section).toContain('unlocks one minute after the hint\nbefore it');
  });
});
