import { DOMParser, type Document } from '@xmldom/xmldom';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INLINE_DRILLS } from '../../src/cli/sweep/pool.js';
import { SCENARIOS } from '../helpers.js';
import { cli } from './cli-helpers.js';
import { cliWith, tempDir } from './sweep-helpers.js';

const TWO = [join(SCENARIOS, 'batched-change-rollback.yaml'), join(SCENARIOS, 'shared-timeout-budget.yaml')];
const FILES = ['report.json', 'report.md', 'junit.xml', 'report.html'];

function parseXml(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void errors.push(`${level}: ${msg}`) }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return doc;
}

describe('firedrill run over many seeds', () => {
  it('summarises each scenario and exits 0 when every drill met its target', async () => {
    const r = await cli('run', TWO[0]!, '--playbook', 'atomic-config-rollback', '--seeds', '4', '--workers', '2');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^atomic-config-rollback on batched-change-rollback, seeds 1-4 \(4 drills\)/);
    expect(r.stdout).toMatch(/batched-change-rollback {2}4\/4 \(100\.0%\) {2}\d:\d\d +\d:\d\d +\d:\d\d +\d+/);
    expect(r.stdout).toMatch(/firedrill run \S+batched-change-rollback\.yaml --playbook atomic-config-rollback --seed \d+/);
    expect(r.stdout).toMatch(/PASS {2}4 of 4 drills met the target/);
  });

  it('runs each scenario against its own playbook with --playbook naive, and exits 1 when one misses', async () => {
    const r = await cli('run', ...TWO, '--playbook', 'naive', '--seeds', '2');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('sequential-config-rollback');
    expect(r.stdout).toContain('fallback-on-errors');
    expect(r.stdout).toMatch(/FAIL {2}0 of 4 drills met the target/);
  });

  it('writes JSON, Markdown, JUnit and HTML reports; the JUnit counts match the run', async () => {
    const out = tempDir('reports');
    const r = await cli('run', ...TWO, '--playbook', 'reference', '--seeds', '3', '--out', out, '--format', 'json,md,junit,html');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...FILES].sort());
    const doc = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(doc.drills).toHaveLength(6);
    for (const f of ['scenario', 'playbook', 'seed', 'verdict', 'detectMs', 'mitigateMs', 'recoverMs', 'score', 'penalties']) expect(doc.drills[0]).toHaveProperty(f);
    expect(doc.details).toHaveLength(2);
    for (const f of ['targetMs', 'timeline', 'versions', 'series']) expect(doc.details[0]).toHaveProperty(f);
    expect(doc.details[0].series.scopes.all.errorRate.length).toBeGreaterThan(60);
    const junit = parseXml(readFileSync(join(out, 'junit.xml'), 'utf8'));
    expect(junit.documentElement!.getAttribute('tests')).toBe('6');
    expect(junit.documentElement!.getAttribute('failures')).toBe('0');
    expect(junit.getElementsByTagName('testcase')).toHaveLength(6);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/^## Firedrill: 2 scenarios, each with its own playbook, seeds 1-3/);
    expect(r.stdout).toContain(`Reports: ${join(out, 'report.json')}`);
  });

  it('writes only the formats asked for, and leaves no temporary file behind', async () => {
    const out = tempDir('md-only');
    const r = await cli('run', TWO[1]!, '--playbook', 'reference', '--seeds', '2', '--out', out, '--format', 'md');
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(['report.md']);
  });

  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY', async () => {
    const out = tempDir('gh');
    const summary = join(out, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = await cliWith({ env: { GITHUB_STEP_SUMMARY: summary } }, 'run', TWO[1]!, '--playbook', 'reference', '--seeds', '2', '--out', join(out, 'r'), '--format', 'md');
    expect(r.code).toBe(0);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n## Firedrill: tts-pointer-rollback on shared-timeout-budget')).toBe(true);
    expect(text).toContain(readFileSync(join(out, 'r', 'report.md'), 'utf8'));
  });

  it('gives byte-identical reports whatever the number of worker threads', async () => {
    // More drills than run in the calling thread, so both runs use worker threads.
    const seeds = String(Math.ceil((INLINE_DRILLS + 1) / 2));
    const one = tempDir('w1');
    const two = tempDir('w2');
    expect((await cli('run', ...TWO, '--playbook', 'naive', '--seeds', seeds, '--workers', '1', '--out', one)).code).toBe(1);
    expect((await cli('run', ...TWO, '--playbook', 'naive', '--seeds', seeds, '--workers', '2', '--out', two)).code).toBe(1);
    for (const f of FILES) expect(readFileSync(join(two, f), 'utf8'), f).toBe(readFileSync(join(one, f), 'utf8'));
  }, 60_000);

  it('prints one JSON document and nothing else with --json', async () => {
    const r = await cli('run', ...TWO, '--playbook', 'reference', '--seed', '5', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.header.seeds).toEqual({ first: 5, last: 5 });
    expect(doc.drills.map((d: { seed: number }) => d.seed)).toEqual([5, 5]);
  });

  it('draws no progress bar when stderr is not a terminal, and one when it is', async () => {
    const quiet = await cliWith({}, 'run', TWO[0]!, '--playbook', 'reference', '--seeds', '3');
    expect(quiet.stderr).toBe('');
    const live = await cliWith({ errTTY: true }, 'run', TWO[0]!, '--playbook', 'reference', '--seeds', '3');
    expect(live.stderr).toMatch(/\r\u001b\[K.*3\/3 drills/);
    expect(live.stdout).not.toContain('\r');
  });

  it('skips scenarios of a folder that the playbook does not fit, and says so in every report', async () => {
    const dir = tempDir('folder');
    cpSync(join(SCENARIOS, 'silent-provider-update.yaml'), join(dir, 'silent-provider-update.yaml'));
    cpSync(join(SCENARIOS, 'shared-timeout-budget.yaml'), join(dir, 'shared-timeout-budget.yaml'));
    const out = tempDir('skipped');
    const r = await cli('run', dir, '--playbook', 'behavioural-pin', '--seeds', '2', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Not run: 1 scenario of the folder lack what the playbook names\n {2}no metric sycophancy: shared-timeout-budget/);
    const junit = parseXml(readFileSync(join(out, 'junit.xml'), 'utf8'));
    const suite = Array.from(junit.getElementsByTagName('testsuite')).find((s) => s.getAttribute('name')!.startsWith('shared-timeout-budget'))!;
    expect(suite.getAttribute('skipped')).toBe('1');
    // A built-in playbook is named from the package's folder, so the report is the same wherever it is installed.
    expect(junit.getElementsByTagName('skipped')[0]!.getAttribute('message')).toMatch(
      /^the playbook does not fit this scenario: scenarios\/playbooks\/behavioural-pin\.yaml:\d+:\d+: triggers\[0\]\.metric: unknown metric 'sycophancy'/,
    );
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('### Not run');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('no metric sycophancy');
  });

  it('exits 2 when a named scenario does not fit the playbook, or none in the folder does', async () => {
    const named = await cli('run', TWO[1]!, '--playbook', 'behavioural-pin', '--seeds', '2');
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/behavioural-pin\.yaml:\d+:\d+: triggers\[0\]\.metric: unknown metric 'sycophancy'/);
    const dir = tempDir('none-fit');
    cpSync(TWO[1]!, join(dir, 'only.yaml'));
    const none = await cli('run', dir, '--playbook', 'behavioural-pin', '--seeds', '2');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/unknown metric 'sycophancy'/);
  });

  it('exits 2 on bad options, naming what was wrong', async () => {
    const cases: [string[], RegExp][] = [
      [['--seed', '1', '--seeds', '3'], /give --seed N \(one drill\) or --seeds N/],
      [['--seeds', '0'], /--seeds must be a whole number from 1/],
      [['--workers', 'many'], /--workers must be a whole number/],
      [['--shard', '4/3'], /--shard must be K\/N with 1 <= K <= N/],
      [['--format', 'json,htm'], /unknown format 'htm'; did you mean 'html'\?/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('run', TWO[0]!, '--playbook', 'reference', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/Usage: firedrill run/);
    }
    const empty = tempDir('empty');
    const noYaml = await cli('run', empty, '--playbook', 'reference');
    expect(noYaml.code).toBe(2);
    expect(noYaml.stderr).toMatch(/no scenario files \(\*\.yaml\) directly in folder/);
  });

  it('keeps the single-drill report when one scenario runs one seed', async () => {
    const r = await cli('run', 'payment-schema-rollback', '--playbook', 'reference', '--seed', '4');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^payment-schema-rollback: Code rolled back, database not\nplaybook unified-release-rollback, seed 4/);
    expect(r.stdout).toMatch(/^replay it:\n {2}firedrill run payment-schema-rollback --playbook unified-release-rollback --seed 4$/m);
    expect(existsSync(join(process.cwd(), 'reports', 'report.json'))).toBe(false);
  });
});
