import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/core/actions/catalogue.js';
import { BUILTIN_METRICS } from '../../src/core/tick.js';
import { SCENARIOS } from '../helpers.js';

const guide = readFileSync(join(SCENARIOS, 'README.md'), 'utf8');

describe('the scenario guide', () => {
  it('documents every operator command', () => {
    const table = guide.slice(guide.indexOf('## Operator commands'), guide.indexOf('## Playbooks'));
    for (const verb of VERBS.keys()) expect(table, verb).toMatch(new RegExp(`\\| \`${verb}[ \`]`));
  });

  it('lists every built-in metric', () => {
    for (const metric of BUILTIN_METRICS) expect(guide, metric).toContain(`\`${metric}\``);
  });
});
