import { describe, expect, it } from 'vitest';
import { sweepHtml } from '../../src/report/html/page.js';
import { realDrillParts } from './html-fixture.js';

describe('HTML report', () => {
  const { parts, drills, detail } = realDrillParts('payment-schema-rollback', 'code-only-rollback', 1, 'Code <script>alert(1)</script> & "rollback"');
  const html = sweepHtml(parts, drills);

  it('is one self-contained file: no script, stylesheet, font, image or frame to fetch', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
    const urls = html.match(/https?:\/\/[^"'\s<>)]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('escapes text from input files', () => {
    expect(html).toContain('Code &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;rollback&quot;');
  });

  it('charts error rate, latency and quality with the fault, detection, actions and the target window', () => {
    for (const metric of ['errorRate', 'latencyP99Ms', 'quality']) {
      const path = new RegExp(`<path class="series" data-series="${metric}"[^>]* d="M[^"]*"`).exec(html);
      expect(path, metric).not.toBeNull();
      expect(path![0].split(/[ML]/).length).toBeGreaterThan(50);
    }
    for (const marker of ['impact', 'detect', 'action']) expect(html).toContain(`data-marker="${marker}"`);
    expect(html.match(/class="target-band"/g)!.length).toBe(3);
    expect(html).toContain('SLO ≤ 1%');
    expect(html).toContain('target 5:00');
  });

  it('shows the score, every penalty, the reasons and the timeline', () => {
    expect(html).toContain(`aria-label="score ${detail.score} of 100"`);
    for (const p of detail.penalties) expect(html).toContain(`−${p.points}</td>`);
    expect(html).toContain('CrashLoopBackOff');
    expect(html.match(/<table class="timeline">/g)).toHaveLength(1);
    expect((html.match(/<tr><td class="num">\d+:\d\d<\/td><td class="kind"/g) ?? []).length).toBe(detail.timeline.length);
  });

  it('is the same bytes for the same drill', () => {
    const again = realDrillParts('payment-schema-rollback', 'code-only-rollback', 1, 'Code <script>alert(1)</script> & "rollback"');
    expect(sweepHtml(again.parts, again.drills)).toBe(html);
  });

  it('escapes every value, numbers and verdicts too, should one reach it as markup', () => {
    const markup = '<script>alert(1)</script>';
    const { parts: p, drills: d, detail: r } = realDrillParts('payment-schema-rollback', 'code-only-rollback', 1);
    // What a result file edited by hand would hold, had it got past the checks on reading it.
    const hostile = markup as unknown as number;
    const c = p.summary.cases[0]!;
    Object.assign(c, { failed: hostile, drills: hostile });
    Object.assign(c.worst!, { seed: hostile });
    Object.assign(r, { seed: hostile, score: hostile, verdict: markup });
    r.penalties[0]!.points = hostile;
    r.counts.usersAffected = hostile;
    d[0]!.seed = hostile;
    const out = sweepHtml({ ...p, summary: { ...p.summary, status: markup as 'passed' } }, d);
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;script&gt;');
  });
});
