import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { loadScenario, type Scenario } from '../../src/formats/scenario.js';
import { formatProblem, InputError } from '../../src/formats/source.js';
import { SCENARIOS } from '../helpers.js';

const SUITE = ['suites:', '  behaviour:', '    cases: 500', '    every: 10m', '    measures: [quality, sycophancy]', ''].join('\n');
const MONITOR = '  - { id: behaviour-drift, metric: behaviour.drift, above: 5, window: 1m }\n';

/** The silent provider update, with a behavioural suite run every ten minutes (and, if asked, a monitor on it). */
function withSuite(monitor: boolean, suite = SUITE): Scenario {
  let text = readFileSync(join(SCENARIOS, 'silent-provider-update.yaml'), 'utf8').replace(/^rules:\n/m, `${suite}rules:\n`);
  if (monitor) text = text.replace(/^monitors:\n/m, `monitors:\n${MONITOR}`);
  return loadScenario(text, 'suite.yaml');
}

const playbookOf = (trigger: string, ...steps: string[]) =>
  loadPlaybook(['name: p', 'triggers:', `  - ${trigger}`, 'steps:', ...steps.map((s) => `  - run: ${s}`)].join('\n'), 'p.yaml');

describe('a behavioural suite on a schedule', () => {
  it('runs on its schedule, each run a timeline line scored against the baseline', () => {
    const { session } = drillPlaybook(withSuite(false), playbookOf('{ metric: errorRate, above: 0.01, window: 1m }', 'rollback-release'), 1);
    const runs = session.drill.world.log.filter((e) => e.kind === 'suite');
    expect(runs.map((r) => r.tMs)).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 600_000).filter((t) => t <= session.drill.now));
    expect(runs[0]!.text).toMatch(/^suite behaviour \(500 cases\): quality 0\.8\d\d vs baseline 0\.950 \(-\d+\.\d%\), sycophancy 0\.[23]\d\d vs baseline 0\.020 \(\+\d+\.\d%\); worst \d+\.\d% worse than the baseline$/);
    expect(session.result().timeline.some((e) => e.kind === 'suite')).toBe(true);
  });

  it('lets a playbook that watches the suite detect the silent change and recover in time', () => {
    const { session, run } = drillPlaybook(withSuite(false), playbookOf('{ metric: behaviour.drift, above: 5, window: 1m }', 'pin assistant-llm gpt-4o-2024-11-20'), 1);
    const result = session.result();
    expect(run.triggeredMs).toBe(600_000);
    expect(result.detectedBy).toMatch(/behaviour\.drift/);
    expect(result.verdict).toBe('PASS');
  });

  it('leaves a playbook that watches only error rates blind: never detected, FAIL', () => {
    const { session, run } = drillPlaybook(withSuite(false), playbookOf('{ metric: errorRate, above: 0.01, window: 1m }', 'pin assistant-llm gpt-4o-2024-11-20'), 1);
    const result = session.result();
    expect(run.triggeredMs).toBeNull();
    expect(result.detectMs).toBeNull();
    expect(result.verdict).toBe('FAIL');
    expect(result.reasons.join('\n')).toMatch(/impact was never detected/);
  });

  it('counts detection from the suite run a monitor on it caught the change with', () => {
    const { session } = drillPlaybook(withSuite(true), playbookOf('alert: behaviour-drift', 'pin assistant-llm gpt-4o-2024-11-20'), 2);
    const result = session.result();
    expect(result.detectedBy).toBe("alert behaviour-drift on the behaviour suite's run at 10:00");
    expect(result.impactStartMs! + result.detectMs!).toBe(600_000);
    expect(result.verdict).toBe('PASS');
  });

  it('measures only behaviour: quality or a scenario metric', () => {
    try {
      withSuite(false, SUITE.replace('[quality, sycophancy]', '[quality, errorRate, sycophancyy]'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).problems.map(formatProblem)).toEqual([
        expect.stringMatching(/suite\.yaml:\d+:\d+: suites\.behaviour\.measures\[1\]: errorRate is measured on live traffic, not by a suite's cases; unknown behaviour a suite can measure 'errorRate'/),
        expect.stringMatching(/suite\.yaml:\d+:\d+: suites\.behaviour\.measures\[2\]: unknown behaviour a suite can measure 'sycophancyy'; did you mean 'sycophancy'\?/),
      ]);
    }
  });
});
