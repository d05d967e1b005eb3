import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpIndex } from '../../src/core/command-line.js';
import { BUILTIN_METRICS } from '../../src/core/tick.js';
import { SCENARIOS } from '../helpers.js';

const guide = readFileSync(join(SCENARIOS, 'README.md'), 'utf8');

describe('the scenario guide', () => {
  it('documents every operator command with the usage its declaration gives', () => {
    const table = guide.slice(guide.indexOf('## Operator commands'), guide.indexOf('## Playbooks'));
    for (const { name, usage } of helpIndex()) expect(table, name).toContain(`| \`${usage.replaceAll('|', '\\|')}\` |`);
  });

  it('lists every built-in metric', () => {
    for (const metric of BUILTIN_METRICS) expect(guide, metric).toContain(`\`${metric}\``);
  });
});
