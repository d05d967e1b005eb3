import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { sweepHtml } from '../../src/report/html/page.js';
import { junitXml } from '../../src/report/junit.js';
import { sweepMarkdown } from '../../src/report/markdown.js';
import type { SweepParts } from '../../src/report/sweep/reader.js';
import { SummaryBuilder } from '../../src/report/sweep/summary.js';
import { sweepText } from '../../src/report/sweep/summary-text.js';
import { caseInfo, header, record } from './sweep-fixtures.js';

// Stopped by Ctrl-C at 100 of 48,000 drills, every one of the 100 having met its target.
const c = caseInfo();
const h = header([c], { first: 1, last: 48_000 });
const drills = Array.from({ length: 100 }, (_, i) => record(c, i + 1, 120_000));
const builder = new SummaryBuilder(h);
for (const d of drills) builder.add(d);
const parts: SweepParts = { header: h, summary: builder.finish({ planned: 48_000, signal: 'SIGINT' }), details: [] };

describe('a run interrupted after drills that all passed', () => {
  it('has the status interrupted, never passed, while each drill keeps its PASS', () => {
    expect(parts.summary.status).toBe('interrupted');
    expect(parts.summary).toMatchObject({ drills: 100, passed: 100, interrupted: { planned: 48_000, signal: 'SIGINT' } });
    expect(parts.summary).not.toHaveProperty('verdict');
  });

  it('says INTERRUPTED, not PASS, in the terminal summary and in Markdown', () => {
    const text = sweepText(h, parts.summary);
    expect(text.trimEnd().split('\n').at(-1)).toBe('INTERRUPTED  interrupted by SIGINT after 100 of 48000 drills: 100 of 100 drills met the target (100.0%)');
    const md = sweepMarkdown(parts, drills);
    expect(md).toContain('**INTERRUPTED**: interrupted by SIGINT after 100 of 48000 drills');
    expect(md).not.toContain('**PASS**');
  });

  it('marks the JUnit run with an error a CI importer counts, first in the file', () => {
    const xml = [...junitXml(parts, drills)].join('');
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const root = doc.documentElement!;
    expect(root.getAttribute('errors')).toBe('1');
    expect(root.getAttribute('tests')).toBe('101');
    const first = doc.getElementsByTagName('testsuite')[0]!;
    expect(first.getAttribute('name')).toBe('firedrill run');
    const error = first.getElementsByTagName('error')[0]!;
    expect(error.getAttribute('type')).toBe('interrupted');
    expect(error.getAttribute('message')).toBe('interrupted by SIGINT after 100 of 48000 drills');
  });

  it('shows INTERRUPTED as the verdict of the HTML page, in red', () => {
    const html = sweepHtml(parts, drills);
    expect(html).toContain('<div class="big-verdict fail">INTERRUPTED</div>');
    expect(html).toMatch(/<title>INTERRUPTED · /);
  });

  it('counts drills abandoned while running, when the wait for them ran out', () => {
    const b = new SummaryBuilder(h);
    for (const d of drills) b.add(d);
    const s = b.finish({ planned: 48_000, signal: 'SIGTERM', abandoned: 2 });
    expect(sweepText(h, s)).toContain('interrupted by SIGTERM after 100 of 48000 drills, 2 more abandoned while running');
  });
});
