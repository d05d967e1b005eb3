import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillPlaybook } from '../../../src/drill/playbook-runner.js';
import { loadPlaybook, type Playbook } from '../../../src/formats/playbook.js';
import { configPlaybook, readConfig } from '../../../src/formats/rollout/config.js';
import { buildReport, reportJson } from '../../../src/report/report.js';
import { ROOT, scenario } from '../../helpers.js';

const IMPORTS = join(ROOT, 'scenarios', 'imports');

function config(...names: string[]): Playbook {
  const files = names.map((n) => ({ file: `scenarios/imports/${n}`, text: readFileSync(join(IMPORTS, n), 'utf8') }));
  return configPlaybook(files, readConfig(files));
}

function drill(id: string, playbook: Playbook, seed = 1) {
  const s = scenario(id);
  const { session, run } = drillPlaybook(s, playbook, seed);
  return { report: buildReport(session, { firedrill: 'test', scenario: s, playbook, run }), run };
}

const fast = () => config('argo/rollout.yaml', 'argo/analysis.yaml', 'argo/metrics-map.yaml');
const documented = () => config('argo/rollout-documented.yaml', 'argo/metrics-map.yaml');

describe('imported controllers drive the drill', () => {
  it('an Argo Rollout measuring every 30s with failureLimit 1 aborts the recommender canary at its 1% or 10% step and passes', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { report } = drill('recommender-canary', fast(), seed);
      const commands = report.actions.filter((a) => a.by === 'playbook recommender').map((a) => a.command);
      expect(commands).toContain('canary abort');
      // Nothing past 10%: the abort comes before the 50% step.
      expect(commands.slice(0, commands.indexOf('canary abort')).filter((c) => /^canary \d/.test(c))).toEqual(expect.arrayContaining(['canary 1']));
      expect(commands).not.toContain('canary 50');
      expect(report.verdict).toBe('PASS');
    }
  });

  it("the documentation's timing (interval 5m, failureLimit 3) aborts only after the fourth failed measurement and fails, naming the analysis timing", () => {
    const { report, run } = drill('recommender-canary', documented());
    const failed = run.log.filter((l) => /engagement measured .*: failed/.test(l.text));
    const abort = report.actions.find((a) => a.command === 'canary abort')!;
    expect(failed).toHaveLength(4);
    expect(abort.atMs).toBe(failed[3]!.tMs);
    expect(abort.atMs - failed[0]!.tMs).toBe(15 * 60_000);
    expect(report.verdict).toBe('FAIL');
    expect(report.recoverMs).toBeGreaterThan(report.targetMs);
    expect(report.reasons.join('\n')).toMatch(/canary abort came 15:00 after detection \(.*one every 5m, failureLimit 3: the run fails on failed measurement 4/);
  });

  it('a Flagger Canary with interval 30s and threshold 2 rolls the recommender back and passes', () => {
    const { report, run } = drill('recommender-canary', config('flagger/canary.yaml'));
    expect(run.log.some((l) => l.text.startsWith('failed checks threshold reached (2)'))).toBe(true);
    expect(report.actions.map((a) => a.command)).toContain('canary abort');
    expect(report.verdict).toBe('PASS');
  });

  it('a Rollout with no analysis walks every step and promotes the bad model to everyone: the drill fails on the harm left in force', () => {
    const text = readFileSync(join(IMPORTS, 'argo/rollout.yaml'), 'utf8').replace(/ {6}analysis:\n(.*\n)*?(?= {6}steps:)/, '');
    const files = [{ file: 'no-analysis.yaml', text }];
    const { report } = drill('recommender-canary', configPlaybook(files, readConfig(files)));
    expect(report.actions.map((a) => a.command)).toEqual(['canary 1', 'canary 10', 'canary 50', 'canary 100', 'canary promote']);
    expect(report.verdict).toBe('FAIL');
    expect(report.reasons.join('\n')).toMatch(/still in force: recs-2025-12/);
  });

  it('Prometheus rules used as triggers detect the first incident (code rolled back, database not) before its own monitor', () => {
    const { report } = drill('payment-schema-rollback', config('prometheus/alerts.yaml'));
    expect(report.detectedBy).toMatch(/^declared by playbook api: trigger alert HighErrorRate \(More than 1% of requests fail; runbook https:\/\/runbooks\.example\.com\/api\/errors\)$/);
    expect(report.detectMs).not.toBeNull();
    expect(report.detectMs!).toBeLessThan(report.targetMs);
    const monitor = report.timeline.find((e) => e.kind === 'alert');
    expect(report.impactStartMs! + report.detectMs!).toBeLessThan(monitor!.tMs);
  });

  it('the native playbook import writes runs to the same drill as the config it came from', () => {
    const files = ['argo/rollout.yaml', 'argo/analysis.yaml', 'argo/metrics-map.yaml'].map((n) => ({ file: n, text: readFileSync(join(IMPORTS, n), 'utf8') }));
    const imported = readConfig(files);
    const native = loadPlaybook(imported.yaml, 'native.yaml');
    const direct = configPlaybook(files, imported);
    const strip = (r: ReturnType<typeof drill>['report']) => reportJson({ ...r, versions: { ...r.versions, playbook: null } });
    expect(strip(drill('recommender-canary', native, 3).report)).toBe(strip(drill('recommender-canary', direct, 3).report));
  });

  it('same config and seed, same report bytes', () => {
    expect(reportJson(drill('recommender-canary', config('flagger/canary.yaml'), 5).report)).toBe(reportJson(drill('recommender-canary', config('flagger/canary.yaml'), 5).report));
  });

  it('a controller that names the canary route does not fit a scenario without one', () => {
    expect(() => drill('payment-schema-rollback', fast())).toThrow(/unknown route 'canary'/);
  });
});
