import { describe, expect, it } from 'vitest';
import { configPlaybook, readConfig, type ConfigFile } from '../../../src/formats/rollout/config.js';
import { formatProblem, InputError } from '../../../src/formats/source.js';
import { argoRollout, flaggerCanary, prometheusRules } from './fixtures.js';

function problems(files: ConfigFile[], options: Parameters<typeof readConfig>[1] = {}): string[] {
  try {
    configPlaybook(files, readConfig(files, options));
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('the config loaded');
}

describe('reading rollout configs', () => {
  it('reads a Rollout and its AnalysisTemplate from one multi-document file into a canary controller', () => {
    const files = [{ file: 'guestbook.yaml', text: argoRollout({ startingStep: 2 }) }];
    const config = readConfig(files);
    const playbook = configPlaybook(files, config);
    expect(playbook.name).toBe('guestbook');
    expect(playbook.controller!.canary).toMatchObject({ kind: 'stepped', background: { analyses: ['success-rate'], fromStep: 2 } });
    expect(playbook.controller!.canary!.kind === 'stepped' && playbook.controller!.canary!.steps[0]).toEqual({ kind: 'weight', weight: 0.2 });
    const [metric] = playbook.controller!.analyses['success-rate']!;
    expect(metric).toMatchObject({ everyMs: 300_000, count: null, failureLimit: 3, consecutiveErrorLimit: 4 });
    // {{args.service-name}} is filled from the Rollout's args.
    expect(metric!.query.text).toContain('destination_service=~"guestbook-svc.default.svc.cluster.local"');
    expect(playbook.uses.some((u) => u.kind === 'route' && u.name === 'canary')).toBe(true);
  });

  it('joins files: the Rollout in one, its template in another', () => {
    const [rollout, template] = argoRollout().split('\n---\n');
    const files = [
      { file: 'rollout.yaml', text: rollout! },
      { file: 'analysis.yaml', text: template! },
    ];
    expect(configPlaybook(files, readConfig(files)).file).toBe('rollout.yaml,analysis.yaml');
  });

  it('refuses a template the files do not hold, at the templateName that names it', () => {
    const [rollout] = argoRollout().split('\n---\n');
    expect(problems([{ file: 'rollout.yaml', text: rollout! }])).toEqual([
      "rollout.yaml:12:27: spec.strategy.canary.analysis.templates[0].templateName: unknown AnalysisTemplate 'success-rate' (there are none): give the file that holds it (clusterScope: true reads a ClusterAnalysisTemplate)",
    ]);
  });

  it('refuses a condition that does not parse, at the character', () => {
    const text = argoRollout().replace('result[0] >= 0.95', 'result[0] >= = 0.95');
    const [p] = problems([{ file: 'g.yaml', text }]);
    expect(p).toMatch(/^g\.yaml:36:\d+: spec\.metrics\[0\]\.successCondition: condition: unexpected '='$/);
    const column = Number(p!.split(':')[2]);
    expect(text.split('\n')[35]!.slice(column - 1)).toBe('= 0.95');
  });

  it('refuses a query outside the PromQL subset with the function named, at the character inside the block scalar', () => {
    const text = argoRollout().replace('sum(irate(', 'sum(deriv(');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('deriv(')) + 1;
    const column = lines[line - 1]!.indexOf('deriv') + 1;
    expect(problems([{ file: 'g.yaml', text }])[0]).toMatch(new RegExp(`^g\\.yaml:${line}:${column}: spec\\.metrics\\[0\\]\\.provider\\.prometheus\\.query: PromQL: the function 'deriv' is outside the PromQL subset`));
  });

  it('refuses the wrong kind for the format asked for, and a Kubernetes kind in the wrong API group', () => {
    expect(problems([{ file: 'c.yaml', text: flaggerCanary() }], { format: 'argo' })[0]).toMatch(/^c\.yaml:1:1: expected an Argo Rollouts Rollout .* found Canary$/);
    expect(problems([{ file: 'c.yaml', text: flaggerCanary().replace('flagger.app/v1beta1', 'argoproj.io/v1alpha1') }])).toEqual([
      'c.yaml:1:13: apiVersion: expected apiVersion flagger.app/v1beta1 for a Canary, got "argoproj.io/v1alpha1"',
    ]);
    expect(problems([{ file: 'r.yaml', text: argoRollout().replace('kind: Rollout', 'kind: Rollouts') }])[0]).toBe("r.yaml:2:7: kind: unknown kind 'Rollouts'; did you mean 'Rollout'? (for argoproj.io/v1alpha1)");
  });

  it('warns about unknown fields and reads the rest', () => {
    const files = [{ file: 'c.yaml', text: flaggerCanary().replace('    threshold: 10\n', '    threshold: 10\n    treshold: 5\n') }];
    const config = readConfig(files);
    expect(config.warnings.map(formatProblem)).toContain("c.yaml:16:5: spec.analysis.treshold: unknown field 'treshold' (ignored)");
    expect(configPlaybook(files, config).controller!.canary).toMatchObject({ kind: 'checked', failedChecks: 10, everyMs: 60_000 });
  });

  it("walks Flagger's linear weights to maxWeight, as its documentation lists them", () => {
    const files = [{ file: 'c.yaml', text: flaggerCanary({ weights: '    maxWeight: 50\n    stepWeight: 20' }) }];
    const canary = configPlaybook(files, readConfig(files)).controller!.canary!;
    expect(canary.kind === 'checked' && canary.weights).toEqual([0.2, 0.4, 0.6]);
  });

  it('reads rule groups into alerts that are the playbook\'s triggers, with the evaluation interval defaulting to 1m', () => {
    const files = [{ file: 'rules.yaml', text: prometheusRules() }];
    const playbook = configPlaybook(files, readConfig(files));
    expect(playbook.triggers).toEqual([{ kind: 'alert', alert: 'HighRequestLatency' }]);
    expect(playbook.controller!.alerts[0]).toMatchObject({ name: 'HighRequestLatency', everyMs: 60_000, forMs: 600_000, summary: 'High request latency' });
  });

  it('refuses an alert that reads a recording rule the drill does not evaluate', () => {
    const text = `groups:\n  - name: slo\n    rules:\n      - record: job:errors:ratio5m\n        expr: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))\n      - alert: Errors\n        expr: job:errors:ratio5m > 0.01\n`;
    expect(problems([{ file: 'r.yaml', text }])).toEqual(['r.yaml:7:15: groups[0].rules[1].expr: reads the recording rule job:errors:ratio5m, which the drill does not evaluate: write its expression in the alert']);
  });
});
