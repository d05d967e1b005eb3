import { describe, expect, it } from 'vitest';
import { sweepHtml } from '../../src/report/html/page.js';
import { sweepMarkdown } from '../../src/report/markdown.js';
import { drillsLine } from '../../src/report/sweep/figures.js';
import { sweepText } from '../../src/report/sweep/summary-text.js';
import { caseInfo, header, parts, record } from './sweep-fixtures.js';

/** 4 cases over 20 seeds: one passing, one missing unexpectedly on 3 seeds, two listed as expected misses (one of them passing on 5 seeds). */
function sweep() {
  const listed = { reason: 'the data is gone', listedAt: 'firedrill.config.yaml:4' };
  const ok = caseInfo({ scenario: 'ok' });
  const flaky = caseInfo({ scenario: 'flaky' });
  const gone = caseInfo({ scenario: 'gone', expectedMiss: listed });
  const lucky = caseInfo({ scenario: 'lucky', expectedMiss: listed });
  const h = header([ok, flaky, gone, lucky], { first: 1, last: 20 });
  const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
  const drills = [
    ...seeds.map((s) => record(ok, s, 60_000)),
    ...seeds.map((s) => record(flaky, s, s <= 3 ? null : 60_000)),
    ...seeds.map((s) => record(gone, s, null)),
    ...seeds.map((s) => record(lucky, s, s <= 5 ? 60_000 : null)),
  ];
  return { p: parts(h, drills), drills };
}

describe('the run’s counts', () => {
  it('say their unit every time: drills for what drills did, cases for what cases did', () => {
    const { p } = sweep();
    expect(drillsLine(p.summary)).toBe(
      '42 of 80 drills met the target (52.5%); 1 of 4 cases missed it at least once; 35 drills of 2 cases missed it as expected; 5 drills of 1 case met it though expected to miss',
    );
  });

  it('are the same words in the text, Markdown and HTML', () => {
    const { p, drills } = sweep();
    const line = drillsLine(p.summary);
    expect(sweepText(p.header, p.summary)).toContain(`FAIL  ${line}\n`);
    expect(sweepMarkdown(p, drills)).toContain(`**FAIL**: ${line}\n`);
    const html = sweepHtml(p, drills);
    expect(html).toContain(`<p class="sub">${line}. p50, p95 and max are times to recover over the seeds, counted from detection.</p>`);
    expect(html).not.toMatch(/of the misses were expected/);
  });
});
