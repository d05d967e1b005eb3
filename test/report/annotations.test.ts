import { describe, expect, it } from 'vitest';
import { runAnnotations, workflowCommand } from '../../src/report/annotations.js';
import { cliWith } from '../cli/cli-helpers.js';
import { caseInfo, header, parts, record } from './sweep-fixtures.js';

describe('GitHub Actions annotations', () => {
  it('escape messages and properties as @actions/core does', () => {
    expect(workflowCommand('error', { file: 'a,b.yaml', title: 'x: 50%' }, 'line 1\nline 2: 100%')).toBe('::error file=a%2Cb.yaml,title=x%3A 50%25::line 1%0Aline 2: 100%25');
  });

  it('give each case that fails the run an error on its scenario file, failures first, and each expected miss a notice', () => {
    const ok = caseInfo({ scenario: 'ok', scenarioRef: 'scenarios/ok.yaml' });
    const bad = caseInfo({ scenario: 'bad', scenarioRef: 'scenarios/bad.yaml' });
    const gone = caseInfo({ scenario: 'gone', scenarioRef: 'gone', expectedMiss: { reason: 'the backups are gone', listedAt: 'firedrill.config.yaml:4' } });
    const lucky = caseInfo({ scenario: 'lucky', scenarioRef: 'scenarios/lucky.yaml', expectedMiss: { reason: 'thought flaky', listedAt: 'firedrill.config.yaml:7' } });
    const h = header([ok, gone, lucky, bad], { first: 1, last: 2 });
    const drills = [ok, gone, lucky, bad].flatMap((c) => [1, 2].map((seed) => record(c, seed, c === bad && seed === 2 ? null : c === gone ? null : 60_000)));
    const lines = runAnnotations(parts(h, drills));
    expect(lines).toEqual([
      '::error file=scenarios/bad.yaml,title=bad with unified%3A 1 of 2 seeds missed the 5%3A00 target::seed 2: not recovered (target 5:00)%0Areplay: firedrill run scenarios/bad.yaml --playbook unified --seed 2',
      '::error file=scenarios/lucky.yaml,title=lucky with unified%3A met its target though expected to miss::listed as an expected miss (thought flaky), but 2 of 2 drills met the target: remove it from firedrill.config.yaml:7',
      '::notice title=gone with unified%3A missed as expected::the backups are gone',
    ]);
  });

  it('are printed under GitHub Actions only, one error line per failing scenario', async () => {
    const args = ['run', 'agent-drop-table', 'terraform-destroy', 'transient-spike', '--playbook', 'reference', '--seeds', '2', '--no-config'];
    const gh = await cliWith({ env: { GITHUB_ACTIONS: 'true' } }, ...args);
    expect(gh.code).toBe(1);
    const errors = gh.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.map((l) => /title=([a-z-]+) /.exec(l)![1])).toEqual(['agent-drop-table', 'terraform-destroy']);
    expect(errors[0]).toContain('rows of crm-db are lost for good');
    const plain = await cliWith({}, ...args);
    expect(plain.stdout).not.toContain('::');
    const json = await cliWith({ env: { GITHUB_ACTIONS: 'true' } }, ...args, '--json');
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(2);
    // The data-loss drills run until their data is back: hours of simulated time each.
  }, 60_000);
});
