import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepHtml } from '../../src/report/html/page.js';
import { tempDir } from '../cli/sweep-helpers.js';
import { ROOT } from '../helpers.js';
import { realDrillParts } from './html-fixture.js';

// Debian's package; CI machines do not have it, and the check then says so instead of failing.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const title = hasChromium ? 'HTML report in headless Chromium' : `HTML report in headless Chromium (skipped: ${CHROMIUM} is not installed; apt-get install chromium)`;

describe.skipIf(!hasChromium)(title, () => {
  let browser: Browser;
  const file = join(tempDir('html'), 'report.html');

  beforeAll(async () => {
    const { parts, drills } = realDrillParts('batched-change-rollback', 'sequential-config-rollback', 1);
    writeFileSync(file, sweepHtml(parts, drills));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  }, 60_000);

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
    mkdirSync(join(ROOT, 'reports'), { recursive: true });
    const shot = await page.screenshot({ path: join(ROOT, 'reports', 'html-report-check.png'), fullPage: true });
    expect(shot.length).toBeGreaterThan(50_000);
    expect(fetched).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
