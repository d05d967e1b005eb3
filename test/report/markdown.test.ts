import { describe, expect, it } from 'vitest';
import { mdCode, mdText, sweepMarkdown } from '../../src/report/markdown.js';
import { importedConfig, realDrillParts } from './html-fixture.js';
import { caseInfo, header, parts, record } from './sweep-fixtures.js';

describe('Markdown summary', () => {
  const a = caseInfo();
  const b = caseInfo({ scenario: 'pipe|case', title: 'A <b>bold</b> | title', playbook: 'other' });
  const h = header([a, b], { first: 1, last: 8 });
  const drills = [...[1, 2, 3, 4, 5, 6, 7, 8].map((s) => record(a, s, s <= 7 ? null : 60_000)), ...[1, 2, 3, 4, 5, 6, 7, 8].map((s) => record(b, s, 90_000))];
  const md = sweepMarkdown(parts(h, drills), drills);

  it('opens with the verdict and one table row per scenario and playbook', () => {
    expect(md).toMatch(/^## Firedrill: 2 scenarios, each with its own playbook, seeds 1-8\n\n\*\*FAIL\*\*: 9 of 16 drills met the target/);
    const rows = md.split('\n').filter((l) => l.startsWith('| **FAIL**') || l.startsWith('| PASS'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('1/8 (12.5%) | never | never | never | 1 |');
  });

  it('keeps every row at eight cells even when names hold pipes and HTML', () => {
    const row = md.split('\n').find((l) => l.includes('pipe'))!;
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
    expect(row).toContain('A \\<b\\>bold\\</b\\> \\| title');
  });

  it('lists failing seeds with their reasons and replay commands, then counts the rest', () => {
    expect(md).toContain('#### db-rollback with unified: 7 of 8 seeds missed the 5:00 target');
    expect(md).toContain('- not recovered after 1:59:00');
    expect(md).toContain('| 1 | not recovered (target 5:00) | `firedrill run scenarios/db-rollback.yaml --playbook unified --seed 1` |');
    expect(md).not.toContain('--seed 6`');
    expect(md).toContain('_2 more failing seeds: every one is in junit.xml and report.json._');
    expect(md).not.toContain('#### pipe');
  });

  it('heads its status column, and lists the cases that fail the run first, then expected misses, then passes', () => {
    const ok = caseInfo({ scenario: 'ok' });
    const gone = caseInfo({ scenario: 'gone', expectedMiss: { reason: 'the backups are gone', listedAt: 'firedrill.config.yaml:4' } });
    const bad = caseInfo({ scenario: 'bad' });
    const hh = header([ok, gone, bad], { first: 1, last: 2 });
    const dd = [ok, gone, bad].flatMap((c) => [1, 2].map((seed) => record(c, seed, c === ok ? 60_000 : null)));
    const text = sweepMarkdown(parts(hh, dd), dd);
    const table = text.split('\n').filter((l) => l.startsWith('| '));
    expect(table[0]).toMatch(/^\| status \| scenario \| playbook \|/);
    expect(table.slice(1, 4).map((l) => l.split(' | ')[0])).toEqual(['| **FAIL**', '| EXPECTED MISS', '| PASS']);
    expect(table[1]).toContain('`bad`');
    expect(text).toContain('### Expected misses\n\n- `gone` with `unified`: missed as expected: the backups are gone (listed in firedrill.config.yaml:4)');
    expect(text).toContain('#### bad with unified');
    expect(text).not.toContain('#### gone');
  });

  it('escapes text and fences code whatever it holds', () => {
    expect(mdText('a*b_c [x](y) <i>')).toBe('a\\*b\\_c \\[x\\](y) \\<i\\>');
    expect(mdCode('run `x`')).toBe('`` run `x` ``');
    expect(mdCode('a ``b``')).toBe('``` a ``b`` ```');
    expect(mdCode('plain')).toBe('`plain`');
  });

  it('lists what a rollout controller measured on each case’s worst seed: when, which analysis, the value, the phase and the condition', () => {
    const argo = realDrillParts('recommender-canary', importedConfig('argo/rollout.yaml', 'argo/analysis.yaml', 'argo/metrics-map.yaml'), 1);
    const text = sweepMarkdown(argo.parts, argo.drills);
    const first = argo.detail.measured![0]!;
    expect(text).toContain('### What the controller measured\n\n#### recommender-canary with recommender\n\n| time | measured by | metric | value | phase | condition |');
    expect(text).toContain(`| 1:00 | analysis engagement | engagement | ${mdText(first.value)} | **failed** | \`success: result[0] >= 0.79\` |`);
    expect(text).toContain('| analysis engagement | success-rate | \\[1\\] | successful | `success: len(result) == 0 \\|\\| result[0] >= 0.95` |');
  });

  it('lists no measurements for a native playbook', () => {
    expect(md).not.toContain('What the controller measured');
  });
});
