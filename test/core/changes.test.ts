import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands.js';
import { Drill } from '../../src/core/drill.js';
import { scenario } from '../helpers.js';

function submit(drill: Drill, text: string) {
  const cmd = parseCommand(text);
  if ('error' in cmd) throw new Error(cmd.error);
  return drill.submit(cmd, 'team');
}

function untilDetected(drill: Drill): void {
  while (drill.tracker.detectMs === undefined) drill.advance(1000);
}

describe('a release rollback', () => {
  it('converges the pods that run, not the version the deployment’s record claims after a stalled rollout', () => {
    const s = scenario('payment-schema-rollback');
    const drill = new Drill(s.spec, 1);
    untilDetected(drill);
    // A teammate rolls the code back alone: the new pods cannot start against schema 2.15, and
    // with no free slot and no unavailability allowed, the rollout stalls with 200 pods at 2.15.
    drill.inject(s.meta.injects.find((i) => i.id === 'teammate-code-rollback')!.fault);
    drill.advance(2 * 60_000);
    const world = drill.world;
    expect(world.component('payment-api').version).toBe('2.14');
    expect(world.fleet.versionCounts('payment-api', 'main').get('2.15')?.ready).toBe(200);
    expect(world.currentRelease()).toBeUndefined();
    const rollback = submit(drill, 'rollback-release --max-unavailable 25%');
    while (rollback.status === 'running' && drill.now < 30 * 60_000) drill.advance(1000);
    expect(rollback.status).toBe('done');
    expect(rollback.output[0]).toBe('stack at release r41');
    const running = world.fleet.versionCounts('payment-api', 'main');
    expect([...running.keys()]).toEqual(['2.14']);
    expect(running.get('2.14')?.ready).toBe(200);
    expect(world.versionOf('payments-db')).toBe('2.14');
    expect(world.currentRelease()).toBe('r41');
  });

  it('fails with the pods’ trouble, rather than claiming the release, when the rollout cannot proceed', () => {
    const s = scenario('payment-schema-rollback');
    const drill = new Drill(s.spec, 1);
    untilDetected(drill);
    drill.inject(s.meta.injects.find((i) => i.id === 'teammate-code-rollback')!.fault);
    drill.advance(2 * 60_000);
    // The deployment allows no unavailable pod, and the pool has no free slot to surge into.
    const rollback = submit(drill, 'rollback-release');
    while (rollback.status === 'running' && drill.now < 40 * 60_000) drill.advance(1000);
    expect(rollback.status).toBe('failed');
    expect(rollback.reason).toMatch(/stalled.*Pending: no free slot/);
    expect(drill.world.fleet.versionCounts('payment-api', 'main').get('2.15')?.ready).toBe(200);
  });
});
