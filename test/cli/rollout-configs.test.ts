import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { cli } from './cli-helpers.js';

const I = 'scenarios/imports';
const ARGO = [`${I}/argo/rollout.yaml`, `${I}/argo/analysis.yaml`, `${I}/argo/metrics-map.yaml`];

describe('firedrill check', () => {
  it('prints each signal of the examples with its worst case term by term, and exits 1 when one misses', async () => {
    const r = await cli('check', ...ARGO, `${I}/argo/rollout-documented.yaml`, `${I}/flagger/canary.yaml`, `${I}/prometheus/alerts.yaml`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('MEETS  background analysis engagement, metric engagement: abort at 0:30 (target 5:00)');
    expect(r.stdout).toContain('MISSES  background analysis engagement-documented, metric engagement: abort at 15:00 (target 5:00)');
    expect(r.stdout).toContain('+  15:00  failureLimit 3: the run fails on failed measurement 4, 3 × 5m after the first');
    expect(r.stdout).toContain('MEETS  check engagement: roll back at 1:30 (target 5:00)');
    expect(r.stdout).toContain('MISSES  alert HighRequestLatency: page someone at 15:30 (target 5:00)');
    expect(r.stdout).toContain('+  10:00  for: 10m of pending before it fires');
    expect(r.stderr).toMatch(/canary\.yaml:\d+:\d+: spec\.analysis\.webhooks\[0\]: the drill assumes webhook load-test \(rollout\) answers 200/);
  });

  it('exits 0 when every signal meets the target, and reads --target', async () => {
    expect((await cli('check', ...ARGO)).code).toBe(0);
    expect((await cli('check', ...ARGO, '--target', '20s')).code).toBe(1);
  });

  it('prints one JSON document with --json', async () => {
    const r = await cli('check', `${I}/flagger/canary.yaml`, '--json');
    const doc = JSON.parse(r.stdout) as { meets: boolean; configs: { cases: { totalMs: number }[] }[] };
    expect(doc.meets).toBe(true);
    expect(doc.configs[0]!.cases.map((c) => c.totalMs)).toEqual([90_000, 90_000]);
  });

  it('refuses a bad file with file:line:col and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-check-'));
    const bad = join(dir, 'analysis.yaml');
    writeFileSync(bad, readFileSync(`${I}/argo/analysis.yaml`, 'utf8').replace('result[0] >= 0.79', 'result[0] >= 0.79 &&'));
    const r = await cli('check', `${I}/argo/rollout.yaml`, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: spec\\.metrics\\[0\\]\\.successCondition: condition: the condition ends too soon`, 'm'));
  });
});

describe('firedrill import', () => {
  it('writes the native playbook of an Argo config, which loads and names its source', async () => {
    const r = await cli('import', 'argo', ...ARGO);
    expect(r.code).toBe(0);
    const playbook = loadPlaybook(r.stdout, 'imported.yaml');
    expect(playbook.name).toBe('recommender');
    expect(r.stdout.split('\n')[0]).toBe('# Argo Rollouts recommender, imported from scenarios/imports/argo/rollout.yaml, scenarios/imports/argo/analysis.yaml, scenarios/imports/argo/metrics-map.yaml.');
    expect(playbook.controller!.series.routes.canary).toEqual({ destination_service: 'recommender-canary.default.svc.cluster.local' });
  });

  it('writes atomically to --out, and the file drills like the config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-import-'));
    const out = join(dir, 'canary.yaml');
    expect((await cli('import', 'flagger', `${I}/flagger/canary.yaml`, '--out', out)).code).toBe(0);
    const native = await cli('run', 'recommender-canary', '--playbook', out, '--json');
    const config = await cli('run', 'recommender-canary', '--playbook', `${I}/flagger/canary.yaml`, '--json');
    const verdict = (s: string) => (JSON.parse(s) as { verdict: string; recoverMs: number | null; actions: unknown[] });
    expect(verdict(native.stdout).verdict).toBe('PASS');
    expect(verdict(native.stdout).actions).toEqual(verdict(config.stdout).actions);
  });

  it('refuses the wrong kind of config for the kind asked for', async () => {
    const r = await cli('import', 'argo', `${I}/flagger/canary.yaml`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scenarios\/imports\/flagger\/canary\.yaml:1:1: expected an Argo Rollouts Rollout \(apiVersion argoproj\.io\/v1alpha1, kind Rollout\) in .*; found Canary, MetricTemplate$/m);
  });
});

describe('drilling a real config', () => {
  it('run takes a controller whose files are joined with commas, or a metrics map given apart', async () => {
    const joined = await cli('run', 'recommender-canary', '--playbook', ARGO.join(','), '--json');
    const apart = await cli('run', 'recommender-canary', '--playbook', ARGO.slice(0, 2).join(','), '--metrics-map', ARGO[2]!, '--json');
    expect(joined.code).toBe(0);
    expect(JSON.parse(joined.stdout).verdict).toBe('PASS');
    expect(JSON.parse(apart.stdout).actions).toEqual(JSON.parse(joined.stdout).actions);
  });

  it('run points a config that does not fit the scenario at the line the person wrote, once per place', async () => {
    const argo = await cli('run', 'recommender-canary', '--playbook', ARGO.slice(0, 2).join(','));
    expect(argo.code).toBe(2);
    expect(argo.stderr).toBe(
      `${I}/argo/analysis.yaml:20:18: spec.metrics[0].provider.prometheus.query: unknown metric 'recs_engaged' (known: requests, rps, errorRate, timeoutRate, latencyP50Ms, latencyP99Ms, quality, capacityRps, queue, retries, accuracy, inappropriate) (scenario recommender-canary has no such metric)\n`,
    );
    const flagger = await cli('run', 'payment-schema-rollback', '--playbook', `${I}/flagger/canary.yaml`);
    expect(flagger.code).toBe(2);
    expect(flagger.stderr).toMatch(new RegExp(`^${I}/flagger/canary\\.yaml:\\d+:\\d+: spec\\.analysis: unknown route 'canary'`, 'm'));
  });

  it('run exits 1 when the documented timing misses the target', async () => {
    const r = await cli('run', 'recommender-canary', '--playbook', `${I}/argo/rollout-documented.yaml,${I}/argo/metrics-map.yaml`);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}recovered 1\d:\d\d after detection/);
  });

  it('run shows what the controller measured in the Markdown and HTML reports, read back from the result file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'firedrill-measured-'));
    const r = await cli('run', 'recommender-canary', '--playbook', ARGO.join(','), '--seeds', '4', '--format', 'md,html', '--out', out);
    expect(r.code).toBe(0);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/^\| \d:\d\d \| analysis engagement \| engagement \| \\\[0\.\d+\\\] \| \*\*failed\*\* \| `success: result\[0\] >= 0\.79` \|$/m);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<h4>What the controller measured: \d+ measurements<\/h4>/);
    expect(html).toMatch(/<circle class="measured failed"/);
  });

  it('run writing only Markdown, which draws no charts, still tables what the controller measured', async () => {
    const out = mkdtempSync(join(tmpdir(), 'firedrill-measured-md-'));
    const r = await cli('run', 'recommender-canary', '--playbook', ARGO.join(','), '--seeds', '2', '--format', 'md', '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(['report.md']);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/^\| \d:\d\d \| analysis engagement \| engagement \| \\\[0\.\d+\\\] \| \*\*failed\*\* \|/m);
  });

  it('compare sets a real config against a native playbook', async () => {
    const r = await cli('compare', 'recommender-canary', '--playbook', `${I}/argo/rollout-documented.yaml,${I}/argo/metrics-map.yaml`, '--playbook', 'canary-auto-rollback', '--seeds', '2', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { playbooks: string[]; moreOften: string };
    expect(c.playbooks).toEqual(['recommender-documented', 'canary-auto-rollback']);
    expect(c.moreOften).toBe('canary-auto-rollback');
  });
});
