import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../../src/core/actions/check.js';
import { checkShape } from '../../../src/core/actions/check.js';
import { MAX_REPLICAS } from '../../../src/core/actions/values.js';
import { VERBS } from '../../../src/core/actions/verbs.js';
import { parseCommand, type Command } from '../../../src/core/commands.js';
import { Drill } from '../../../src/core/drill.js';
import { scenario } from '../../helpers.js';

function parsed(text: string): Command {
  const cmd = parseCommand(text);
  if ('error' in cmd) throw new Error(cmd.error);
  return cmd;
}

describe('set', () => {
  const payments = new Drill(scenario('payment-schema-rollback').spec, 1).world;
  const tts = new Drill(scenario('shared-timeout-budget').spec, 1).world;
  const injection = new Drill(scenario('prompt-injection').spec, 1).world;

  it('refuses a version, saying what moves it', () => {
    expect(checkCommand(payments, parsed('set payment-api 2.14'))).toBe(
      'payment-api is the version of a deployment: it moves only by a rollout of its pods (deploy, rollback, rollback-release), never by set',
    );
    expect(checkCommand(payments, parsed('set payments-db 2.14'))).toBe('payments-db is the version of a database: it moves only by its migrations (migrate, rollback-release), never by set');
    expect(checkCommand(tts, parsed('set tts-config v1'))).toMatch(/^tts-config is the version of a config: it moves only by a push/);
  });

  it('refuses what a version brings, unless the version is a config’s', () => {
    const drift = new Drill(scenario('model-feature-skew').spec, 1).world;
    const key = Object.keys(drift.stacks.baseStack()).find((k) => k.startsWith('embedder.'))!;
    expect(checkCommand(drift, parsed(`set ${key} x`))).toMatch(/comes with the version of embedder \(a pipeline\): it changes only when that version does/);
    expect(checkCommand(tts, parsed('set tts-service.fallbackBudget own'))).toBeUndefined();
  });

  it('takes the scenario’s declared settings and flags, and suggests the nearest for a typo', () => {
    expect(checkCommand(injection, parsed('set flags.refund-tool false'))).toBeUndefined();
    expect(checkCommand(injection, parsed('set flags.refund-tol false'))).toBe("unknown setting 'flags.refund-tol'; did you mean 'flags.refund-tool'?");
    expect(checkCommand(payments, parsed('set route canary'))).toMatch(/^unknown setting 'route' \(there are none\)/);
  });
});

describe('scale', () => {
  it(`refuses more than ${MAX_REPLICAS} replicas before any world exists`, () => {
    const scale = VERBS.get('scale')!;
    expect(checkShape(scale, parsed('scale payment-api 100000000'))).toBe(`REPLICAS must be a number of replicas from 0 to ${MAX_REPLICAS}, got '100000000'`);
    expect(checkShape(scale, parsed(`scale payment-api ${MAX_REPLICAS}`))).toBeUndefined();
  });
});

describe('passive verbs', () => {
  it('are the ones that change nothing in the world, and are not counted as actions taken', () => {
    const passive = [...VERBS.values()].filter((v) => v.leaves === 'none').map((v) => v.name);
    expect(passive.sort()).toEqual(['inspect', 'note', 'wait']);
    expect([...VERBS.values()].filter((v) => v.leaves !== undefined && v.leaves !== 'none').map((v) => v.name).sort()).toEqual(['declare', 'verify']);
    const drill = new Drill(scenario('payment-schema-rollback').spec, 1);
    drill.advance(5_000);
    const epoch = drill.world.epoch;
    for (const text of ['inspect payment-api', 'note looking', 'wait 10s']) {
      const r = drill.submit(parsed(text), 'team');
      while (r.status === 'running') drill.advance(1000);
      expect(r.status, text).toBe('done');
    }
    expect(drill.world.epoch).toBe(epoch);
    expect(drill.tracker.actionsTaken).toBe(0);
    drill.submit(parsed('declare'), 'team');
    expect(drill.tracker.actionsTaken).toBe(1);
  });
});
