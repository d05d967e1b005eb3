import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepHtml } from '../../src/report/html/page.js';
import { cli } from '../cli/cli-helpers.js';
import { tempDir } from '../cli/sweep-helpers.js';
import { realDrillParts } from './html-fixture.js';

// Debian's package; CI machines do not have it, and the check then says so instead of failing.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
/** Where the screenshots go, for a person to look at when a layout test fails: the test's own folder. */
const SHOTS = tempDir('html-shots');
const title = hasChromium ? 'HTML report in headless Chromium' : `HTML report in headless Chromium (skipped: ${CHROMIUM} is not installed; apt-get install chromium)`;

/** Pairs of text labels in the same chart whose boxes, as Chromium lays them out, overlap (source text: the project compiles without the DOM's types). */
const OVERLAPPING_LABELS = `[...document.querySelectorAll('svg.chart')].flatMap((svg) => {
  const boxes = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() })).filter((b) => b.r.width > 0);
  const out = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(boxes[i].text + ' / ' + boxes[j].text);
    }
  return out;
})`;

describe.skipIf(!hasChromium)(title, () => {
  let browser: Browser;
  const file = join(tempDir('html'), 'report.html');
  const sweepDir = tempDir('html-sweep');

  beforeAll(async () => {
    const { parts, drills } = realDrillParts('batched-change-rollback', 'sequential-config-rollback', 1);
    writeFileSync(file, sweepHtml(parts, drills));
    const expect_ = join(sweepDir, 'expected.yaml');
    writeFileSync(expect_, 'expectedMisses:\n  - scenario: terraform-destroy\n    reason: only the provider-held snapshot remains\n');
    const run = await cli('run', 'agent-drop-table', 'terraform-destroy', 'recommender-canary', 'batched-change-rollback', 'loan-approval-drop', '--playbook', 'reference', '--seeds', '4', '--expect', expect_, '--out', sweepDir, '--format', 'html');
    expect(run.code).toBe(1);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart with its plotted series, markers and target window, fetching nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const fetched: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) fetched.push(req.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => void errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    // Runs in the page (as source text: the project compiles without the DOM's types).
    const charts = (await page.evaluate(`[...document.querySelectorAll('svg.chart[data-metric]')].map((svg) => {
      const path = svg.querySelector('path.series');
      const band = svg.querySelector('rect.target-band');
      return {
        metric: svg.getAttribute('data-metric'),
        series: path && path.getAttribute('data-series'),
        length: path ? path.getTotalLength() : 0,
        width: path ? path.getBBox().width : 0,
        stroke: path ? getComputedStyle(path).stroke : 'none',
        markers: [...svg.querySelectorAll('g.marker')].map((g) => g.getAttribute('data-marker')),
        bandWidth: band ? band.getBBox().width : 0,
        shown: svg.getBoundingClientRect().width,
      };
    })`)) as { metric: string; series: string; length: number; width: number; stroke: string; markers: string[]; bandWidth: number; shown: number }[];
    expect(charts.map((c) => c.metric)).toEqual(['errorRate', 'latencyP99Ms', 'quality']);
    for (const c of charts) {
      expect(c.series).toBe(c.metric);
      expect(c.length, c.metric).toBeGreaterThan(500);
      expect(c.width, c.metric).toBeGreaterThan(700);
      expect(c.stroke).not.toBe('none');
      expect(c.shown).toBeGreaterThan(800);
      expect(c.bandWidth).toBeGreaterThan(50);
      for (const m of ['fault', 'impact', 'detect', 'action', 'mitigate', 'recover']) expect(c.markers, `${c.metric} ${m}`).toContain(m);
    }
    const lane = await page.locator('svg.lane g.action').count();
    expect(lane).toBe(3);
    const shot = await page.screenshot({ path: join(SHOTS, 'html-report-check.png'), fullPage: true });
    expect(shot.length).toBeGreaterThan(50_000);
    expect(fetched).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens on the status, the command and the version, then the cases that fail the run, each linked to its section and back', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(join(sweepDir, 'report.html')).href);
    const top = (await page.evaluate(`({
      verdict: document.querySelector('.big-verdict').textContent,
      command: document.querySelector('header .command').textContent,
      version: document.querySelector('header .version').textContent,
      rows: [...document.querySelectorAll('table.summary tbody tr')].map((tr) => [tr.querySelector('.pill').textContent, tr.querySelector('code').textContent, tr.getBoundingClientRect().top < innerHeight]),
      open: [...document.querySelectorAll('section.case')].map((s) => s.querySelector('code').textContent),
      folded: [...document.querySelectorAll('details.case')].map((d) => [d.querySelector('.sub code').textContent, d.open]),
    })`)) as { verdict: string; command: string; version: string; rows: [string, string, boolean][]; open: string[]; folded: [string, boolean][] };
    expect(top.verdict).toBe('FAIL');
    expect(top.command).toMatch(/^firedrill run agent-drop-table terraform-destroy recommender-canary batched-change-rollback loan-approval-drop --playbook reference --seeds 4 --expect /);
    expect(top.version).toMatch(/^firedrill \d+\.\d+\.\d+/);
    expect(top.rows.map((r) => `${r[0]} ${r[1]}`)).toEqual(['FAIL agent-drop-table', 'EXPECTED MISS terraform-destroy', 'PASS recommender-canary', 'PASS batched-change-rollback', 'PASS loan-approval-drop']);
    // Every case is in view on the first screen.
    expect(top.rows.every((r) => r[2])).toBe(true);
    expect(top.open).toEqual(['agent-drop-table']);
    expect(top.folded).toEqual([['terraform-destroy', false], ['recommender-canary', false], ['batched-change-rollback', false], ['loan-approval-drop', false]]);
    await page.click('table.summary a[href="#case-3"]');
    expect(await page.evaluate('location.hash')).toBe('#case-3');
    await page.click('#case-3 > summary h2');
    expect(await page.evaluate(`document.querySelector('#case-3').open`)).toBe(true);
    await page.click('#case-3 a.back');
    expect(await page.evaluate('location.hash')).toBe('#summary');
    await page.close();
  }, 60_000);

  it('shows the canary\'s regression on its own line, under the level the playbook fires at, with the window it read', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(join(sweepDir, 'report.html')).href);
    await page.evaluate(`document.querySelectorAll('details').forEach((d) => (d.open = true))`);
    const chart = (await page.evaluate(`(() => {
      const svg = document.querySelector('#case-3 svg.chart[data-metric="accuracy"]');
      const line = (key) => svg.querySelector('path.series[data-series="' + key + '"]').getBoundingClientRect();
      return {
        series: [...svg.querySelectorAll('path.series')].map((p) => p.getAttribute('data-series')),
        stableBottom: line('accuracy@stable').bottom,
        canaryBottom: line('accuracy@canary').bottom,
        level: svg.querySelector('line.watch-level').getBoundingClientRect().top,
        watchLabel: [...svg.querySelectorAll('text.watch-label')].map((t) => t.textContent),
        window: svg.querySelector('rect.watch-window').getBoundingClientRect().width,
      };
    })()`)) as { series: string[]; stableBottom: number; canaryBottom: number; level: number; watchLabel: string[]; window: number };
    expect(chart.series).toEqual(['accuracy@stable', 'accuracy@canary']);
    // Lower on screen is lower accuracy: the canary falls below where the trigger fires; the stable route never does.
    expect(chart.canaryBottom).toBeGreaterThan(chart.level + 5);
    expect(chart.stableBottom).toBeLessThan(chart.level);
    expect(chart.watchLabel).toEqual(['trigger fires < 79.5%', '30s window']);
    expect(chart.window).toBeGreaterThan(10);
    await page.close();
  }, 60_000);

  for (const width of [1400, 800]) {
    it(`lays out at ${width} pixels wide with no label printed over another and nothing wider than the page`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(pathToFileURL(join(sweepDir, 'report.html')).href);
      await page.evaluate(`document.querySelectorAll('details').forEach((d) => (d.open = true))`);
      expect(await page.evaluate(OVERLAPPING_LABELS)).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      await page.evaluate(`document.querySelectorAll('details').forEach((d) => (d.open = false))`);
      await page.screenshot({ path: join(SHOTS, `html-report-${width}.png`) });
      await page.close();
    }, 60_000);
  }
});
