import { describe, expect, it } from 'vitest';
import { formatClock } from '../../src/core/monitors.js';
import { sweepHtml } from '../../src/report/html/page.js';
import { importedConfig, realDrillParts } from './html-fixture.js';
import { caseInfo, header, parts as sweepParts, record } from './sweep-fixtures.js';

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

  it('draws each metric per second, faint, under a smoothed line', () => {
    const errorRate = /<svg class="chart" data-metric="errorRate"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(errorRate).toMatch(/<path class="raw" data-series="errorRate"/);
    const average = /<path class="series" data-series="errorRate"[^>]*><title>all traffic: (\d+s) average<\/title>/.exec(errorRate);
    expect(average).not.toBeNull();
    expect(html).toContain(`${average![1]} average (faint: each second)`);
  });

  it('draws what the playbook watched on the metric it read: the firing level, the values it read, the window when it fired', () => {
    const errorRate = /<svg class="chart" data-metric="errorRate"[\s\S]*?<\/svg>/.exec(html)![0];
    const w = detail.watched!.find((x) => x.metric === 'errorRate')!;
    expect(w).toMatchObject({ by: 'trigger', text: 'errorRate > 0.01 over 1m for 2m', above: 0.01, windowMs: 60_000 });
    expect(errorRate).toContain('<title>trigger: errorRate &gt; 0.01 over 1m for 2m</title>');
    expect(errorRate).toContain('>trigger fires &gt; 1%</text>');
    expect(errorRate).toMatch(/<path class="watched" d="M[^"]+"/);
    expect(errorRate).toContain(`<title>trigger fired at ${formatClock(w.firedMs!)} on the 1m before it</title>`);
    expect(errorRate).toContain('>1m window</text>');
  });

  it('says when a drill that broke no SLO was detected, as its timeline and chart marker do', () => {
    const canary = realDrillParts('recommender-canary', 'canary-auto-rollback', 1);
    const page = sweepHtml(canary.parts, canary.drills);
    const detect = canary.detail.timeline.find((e) => e.kind === 'detect')!;
    expect(canary.detail.impactStartMs).toBeNull();
    expect(page).toContain('<dt>Impact began</dt><dd>no SLO broken</dd>');
    expect(page).toContain(`<dt>Detected</dt><dd>at ${formatClock(detect.tMs)} <small>before any SLO broke (declared by playbook canary-auto-rollback`);
    expect(page).toContain(`data-marker="detect"><title>${formatClock(detect.tMs)} `);
    expect(page).toContain('Seed 1: no SLO broken</h3>');
  });

  it('says what the recovery time counts from, and when the SLOs came back on the drill’s clock', () => {
    const ref = realDrillParts('payment-schema-rollback', 'unified-release-rollback', 1);
    const page = sweepHtml(ref.parts, ref.drills);
    const r = ref.detail;
    const back = r.impactStartMs! + r.detectMs! + r.recoverMs!;
    const held = r.timeline.find((e) => e.kind === 'recover')!.tMs;
    expect(page).toContain(`Seed 1: recovered ${formatClock(r.recoverMs!)} after detection (target 5:00)</h3>`);
    expect(page).toContain(`<dt>Recovered</dt><dd>${formatClock(r.recoverMs!)} <small>after detection: SLOs back at ${formatClock(back)}, held to ${formatClock(held)}</small></dd>`);
  });

  it('lists what a rollout controller measured, and draws it on the chart of the metric its query reads', () => {
    const argo = realDrillParts('recommender-canary', importedConfig('argo/rollout.yaml', 'argo/analysis.yaml', 'argo/metrics-map.yaml'), 1);
    const page = sweepHtml(argo.parts, argo.drills);
    const measured = argo.detail.measured!;
    expect(page).toContain(`<h4>What the controller measured: ${measured.length} measurements</h4>`);
    const first = measured[0]!;
    expect(page).toContain(`<tr class="failed"><td class="num">${formatClock(first.tMs)}</td><td>analysis engagement</td><td>engagement</td><td class="num">${first.value}</td><td>failed</td><td><code>success: result[0] &gt;= 0.79</code></td></tr>`);
    const accuracy = /<svg class="chart" data-metric="accuracy"[\s\S]*?<\/svg>/.exec(page)![0];
    const dots = accuracy.match(/<circle class="measured failed"/g) ?? [];
    expect(dots).toHaveLength(measured.filter((m) => m.name === 'engagement' && m.phase === 'failed').length);
    expect(accuracy).toContain('>engagement (canary) fails &lt; 79%</text>');
    // The success rate reads in no chart's units: in the table, on no chart.
    expect(page).toContain('<td>success-rate</td>');
    expect(page.match(/<circle class="measured/g)).toHaveLength(dots.length);
  });

  it('lists the cases that fail the run first and open, and folds the rest with a way back to the summary', () => {
    const ok = caseInfo({ scenario: 'ok' });
    const gone = caseInfo({ scenario: 'gone', expectedMiss: { reason: 'the backups are gone', listedAt: 'firedrill.config.yaml:4' } });
    const bad = caseInfo({ scenario: 'bad' });
    const h = header([ok, gone, bad], { first: 1, last: 2 });
    const d = [ok, gone, bad].flatMap((c) => [1, 2].map((seed) => record(c, seed, c === ok ? 60_000 : null)));
    const page = sweepHtml(sweepParts(h, d), d);
    const rows = [...page.matchAll(/<tr class="([a-z-]+)"><td><span class="pill [a-z]+">([A-Z ]+)<\/span><\/td><td><a href="#(case-\d)">/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(rows).toEqual(['failed FAIL case-3', 'expected-miss EXPECTED MISS case-2', 'passed PASS case-1']);
    const sections = [...page.matchAll(/<(section|details) class="card case ([a-z-]+)" id="(case-\d)">/g)].map((m) => `${m[1]} ${m[3]}`);
    expect(sections).toEqual(['section case-3', 'details case-2', 'details case-1']);
    expect(page.match(/<a class="back" href="#summary">/g)).toHaveLength(3);
    expect(page).toContain('<section class="card" id="summary">');
    expect(page).toContain('<p class="command"><code>firedrill run scenarios/ --playbook unified</code></p><p class="version">firedrill test</p>');
    expect(page).toContain('missed as expected: the backups are gone (listed in firedrill.config.yaml:4)');
  });
});
