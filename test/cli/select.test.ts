import { describe, expect, it } from 'vitest';
import { checkTags, selectionOf, selects } from '../../src/cli/sweep/select.js';
import { cli } from './cli-helpers.js';

const canary = { id: 'recommender-canary', title: 'A canary catches a recommender regression', tags: ['layer:serving', 'layer:model', 'pattern:progressive-delivery'] };
const drop = { id: 'agent-drop-table', title: 'Agent with unrestricted SQL drops a table', tags: ['layer:data', 'pattern:rollback-safe-writes'] };

describe('choosing scenarios', () => {
  it('keeps scenarios with any of the tags given, by whole tag or by value', () => {
    const s = selectionOf({ tag: ['data', 'pattern:progressive-delivery'] }, 'run');
    expect([canary, drop].filter((x) => selects(s, x)).map((x) => x.id)).toEqual(['recommender-canary', 'agent-drop-table']);
    const only = selectionOf({ tag: ['layer:data'] }, 'run');
    expect([canary, drop].filter((x) => selects(only, x)).map((x) => x.id)).toEqual(['agent-drop-table']);
  });

  it('greps and excludes over id, title and tags, as test runners do', () => {
    expect(selects(selectionOf({ grep: 'sql' }, 'run'), drop)).toBe(true);
    expect(selects(selectionOf({ grep: 'progressive' }, 'run'), canary)).toBe(true);
    expect(selects(selectionOf({ exclude: '^agent-' }, 'run'), drop)).toBe(false);
    expect(selects(selectionOf({ tag: ['data'], exclude: 'drops' }, 'run'), drop)).toBe(false);
  });

  it('takes a tag no scenario has for a typo, and a bad pattern for bad usage', () => {
    expect(() => checkTags(selectionOf({ tag: ['dta'] }, 'run'), [canary, drop], 'run')).toThrow(/no scenario given has the tag 'dta'; did you mean 'data'\?/);
    expect(() => selectionOf({ grep: '(' }, 'run')).toThrow(/--grep '\(' is not a regular expression/);
  });

  it('runs only the scenarios chosen from a folder, and says so when none is', async () => {
    const r = await cli('run', 'scenarios/', '--playbook', 'reference', '--tag', 'layer:data', '--exclude', 'terraform|token', '--no-config');
    const rows = r.stdout.split('\n').filter((l) => /^(PASS|FAIL) +[a-z]/.test(l)).map((l) => l.split(/ +/)[1]);
    expect(rows.sort()).toEqual(['agent-drop-table', 'agent-drop-table-soft-delete', 'memory-schema-non-additive', 'mislabelled-training-data', 'payment-schema-rollback']);
    const none = await cli('run', 'scenarios/', '--playbook', 'reference', '--grep', 'no-such-thing', '--no-config');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('none of the 24 scenarios given matches the --tag, --grep and --exclude options');
  });
});
