import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failLevels } from '../../../src/drill/controller/measurement.js';
import { drillPlaybook } from '../../../src/drill/playbook-runner.js';
import type { MeasurementSpec } from '../../../src/formats/controller.js';
import type { Playbook } from '../../../src/formats/playbook.js';
import { parseCondition } from '../../../src/formats/rollout/condition.js';
import { configPlaybook, readConfig } from '../../../src/formats/rollout/config.js';
import { ROOT, scenario } from '../../helpers.js';

function config(...names: string[]): Playbook {
  const files = names.map((n) => ({ file: `scenarios/imports/${n}`, text: readFileSync(join(ROOT, 'scenarios', 'imports', n), 'utf8') }));
  return configPlaybook(files, readConfig(files));
}

function spec(success: string | null, failure: string | null): MeasurementSpec {
  const cond = (text: string | null) => (text === null ? null : { text, cond: parseCondition(text) });
  return { success: cond(success), failure: cond(failure) } as MeasurementSpec;
}

describe('what a rollout controller measured', () => {
  it('is every Argo measurement, with its value, phase and condition, and the chart its query reads the same as', () => {
    const { measured, run } = drillPlaybook(scenario('recommender-canary'), config('argo/rollout.yaml', 'argo/analysis.yaml', 'argo/metrics-map.yaml'), 1, undefined, [], { trace: true });
    const logged = run.log.filter((l) => / measured /.test(l.text));
    expect(measured).toHaveLength(logged.length);
    const engagement = measured!.filter((m) => m.name === 'engagement');
    expect(engagement[0]).toMatchObject({ by: 'analysis engagement', phase: 'failed', condition: 'success: result[0] >= 0.79', failsBelow: 0.79, failsAbove: null, chart: { metric: 'accuracy', route: 'canary' } });
    for (const m of engagement) expect(logged.some((l) => l.tMs === m.tMs && l.text.includes(`engagement measured ${m.value}: ${m.phase}`))).toBe(true);
    expect(engagement[0]!.value).toBe(`[${engagement[0]!.first}]`);
    // A success rate reads in units no chart has (1 - the error rate): listed, not drawn.
    expect(measured!.find((m) => m.name === 'success-rate')).toMatchObject({ phase: 'successful', chart: null });
  });

  it('is every Flagger check, passing or failing, with its range', () => {
    const { measured } = drillPlaybook(scenario('recommender-canary'), config('flagger/canary.yaml'), 12, undefined, [], { trace: true });
    const engagement = measured!.filter((m) => m.name === 'engagement');
    expect(engagement.some((m) => m.phase === 'failed')).toBe(true);
    expect(engagement[0]).toMatchObject({ by: 'canary check', condition: 'min 0.79', failsBelow: 0.79, chart: { metric: 'accuracy', route: 'canary' } });
    expect(measured!.find((m) => m.name === 'request-success-rate')).toMatchObject({ condition: 'min 99', chart: null });
  });

  it('is nothing for a native playbook, whose triggers are drawn as what it watched', () => {
    const s = scenario('recommender-canary');
    const { measured, watched } = drillPlaybook(s, config('argo/rollout.yaml', 'argo/analysis.yaml', 'argo/metrics-map.yaml'), 1);
    expect(measured).toBeUndefined();
    expect(watched).toBeUndefined();
  });

  it('draws the level a condition fails past only where it is one comparison of the value', () => {
    expect(failLevels(spec('result[0] >= 0.79', null))).toEqual({ failsBelow: 0.79, failsAbove: null });
    expect(failLevels(spec(null, 'result[0] > 0.05'))).toEqual({ failsBelow: null, failsAbove: 0.05 });
    expect(failLevels(spec(null, '0.9 > result'))).toEqual({ failsBelow: 0.9, failsAbove: null });
    expect(failLevels(spec('len(result) == 0 || result[0] >= 0.95', null))).toEqual({ failsBelow: null, failsAbove: null });
    expect(failLevels(spec('result[0] >= 0.9', 'result[0] < 0.5'))).toEqual({ failsBelow: null, failsAbove: null });
  });
});
