import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../../src/core/actions/action.js';
import { checkCommand, completeCommand, previewCommand } from '../../../src/core/command-line.js';
import { parseCommand, type Command } from '../../../src/core/commands.js';
import { Drill } from '../../../src/core/drill.js';
import { drillResult } from '../../../src/core/result.js';
import { loadScenario } from '../../../src/formats/scenario.js';
import { ROOT, scenario } from '../../helpers.js';

const LAYERED = loadScenario(readFileSync(join(ROOT, 'test', 'fixtures', 'layered-world.yaml'), 'utf8'), 'layered-world.yaml').spec;

function parsed(text: string): Command {
  const cmd = parseCommand(text);
  if ('error' in cmd) throw new Error(cmd.error);
  return cmd;
}

function submit(drill: Drill, text: string): ActionRecord {
  return drill.submit(parsed(text), 'team');
}

/** Runs the world until the action has finished. */
function finish(drill: Drill, record: ActionRecord): ActionRecord {
  const until = drill.now + 30 * 60_000;
  while (record.status === 'running' && !drill.done && drill.now < until) drill.advance(1000);
  return record;
}

function podsOf(drill: Drill, id: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of drill.world.fleet.get(id).pods) out[`${p.version} ${p.phase}`] = (out[`${p.version} ${p.phase}`] ?? 0) + 1;
  return out;
}

/** The first incident, some seconds in, with the team's code-only rollback crash-looping a quarter of the pool. */
function wrongRollback(): { drill: Drill; rollback: ActionRecord } {
  const drill = new Drill(scenario('payment-schema-rollback').spec, 1);
  drill.advance(10_000);
  const rollback = submit(drill, 'rollback payment-api --max-unavailable 25%');
  drill.advance(60_000);
  return { drill, rollback };
}

describe('abort during a rollout', () => {
  it('sends the pods back to the version that was stable before it began, the ones serving nothing at once', () => {
    const { drill, rollback } = wrongRollback();
    expect(rollback.status).toBe('running');
    const before = podsOf(drill, 'payment-api');
    expect((before['2.14 crashloop'] ?? 0) + (before['2.14 starting'] ?? 0), JSON.stringify(before)).toBe(50);
    const abort = submit(drill, 'abort');
    expect(abort.status).toBe('running');
    drill.advance(6_000);
    expect(rollback.status).toBe('aborted');
    expect(rollback.reason).toBe('by team (abort at 1:10)');
    expect(drill.world.versionOf('payment-api')).toBe('2.15');
    expect(Object.keys(podsOf(drill, 'payment-api')).filter((k) => k.startsWith('2.14') && !k.endsWith('terminating'))).toEqual([]);
    finish(drill, abort);
    expect(abort.status).toBe('done');
    expect(abort.output[0]).toBe('#1 rollback payment-api --max-unavailable 25% aborted: payment-api back on 2.15');
    expect(podsOf(drill, 'payment-api')).toEqual({ '2.15 ready': 200 });
  });

  it('says so in the log and the reasons, and counts no failed action', () => {
    const { drill } = wrongRollback();
    finish(drill, submit(drill, 'abort payment-api'));
    const log = drill.world.log.map((e) => `${e.kind}: ${e.text}`);
    expect(log).toContain('aborted: rollback payment-api --max-unavailable 25% aborted by team (abort payment-api at 1:10)');
    expect(log.some((l) => /^pods: payment-api: rollout of main to 2\.14 aborted: 100 of its pods not ready removed at once, back to 2\.15/.test(l))).toBe(true);
    expect(drill.tracker.actionsFailed).toBe(0);
    drill.runToEnd();
    expect(drill.tracker.actionsFailed).toBe(0);
    const result = drillResult(drill);
    expect(result.reasons).toContain('rollback payment-api --max-unavailable 25% was aborted at 1:15 by team (abort payment-api at 1:10), 1:05 after it began');
    expect(result.actions.map((a) => `${a.command} ${a.status}`)).toEqual(['rollback payment-api --max-unavailable 25% aborted', 'abort payment-api done']);
  });

  it('finds the action by its number, with or without #, or by what it changes', () => {
    for (const word of ['#1', '1', 'payment-api']) {
      const { drill } = wrongRollback();
      expect(checkCommand(drill.world, parsed(`abort ${word}`)), word).toBeUndefined();
    }
    const { drill } = wrongRollback();
    expect(checkCommand(drill.world, parsed('abort #7'))).toBe('no action #7 is in flight; in flight now: #1 rollback payment-api --max-unavailable 25%');
    expect(checkCommand(drill.world, parsed('abort payments-db'))).toMatch(/^unknown action in flight to abort 'payments-db'/);
  });

  it('is offered only for actions in flight, and says which one it will stop before it runs', () => {
    const { drill } = wrongRollback();
    expect(completeCommand(drill.world, 'abort ').candidates).toEqual(['#1', 'payment-api']);
    expect(previewCommand(drill.world, 'abort')).toBe('abort #1 rollback payment-api --max-unavailable 25%');
    const idle = new Drill(scenario('payment-schema-rollback').spec, 1);
    expect(completeCommand(idle.world, 'abort ').candidates).toEqual([]);
  });
});

describe('abort refuses', () => {
  it('when nothing is in flight, and points to canary abort for a progressive release the system runs', () => {
    const idle = new Drill(scenario('payment-schema-rollback').spec, 1);
    expect(checkCommand(idle.world, parsed('abort'))).toBe('nothing in flight can be aborted');
    const canary = new Drill(scenario('recommender-canary').spec, 1);
    canary.advance(90_000);
    expect(checkCommand(canary.world, parsed('abort'))).toBe(
      "nothing in flight can be aborted; the canary route's release is the system's own, not an action: canary abort sends its users back to stable",
    );
  });

  it('a migration, which runs to its end, naming why', () => {
    const drill = new Drill(scenario('payment-schema-rollback').spec, 1);
    drill.advance(5_000);
    submit(drill, 'migrate payments-db 2.14');
    expect(checkCommand(drill.world, parsed('abort'))).toBe('nothing in flight can be aborted; in flight now: #1 migrate payments-db 2.14');
    expect(checkCommand(drill.world, parsed('abort #1'))).toBe(
      '#1 migrate payments-db 2.14 cannot be aborted: a migration is never stopped halfway: a schema left between two versions matches neither version’s code; let it finish, then migrate back',
    );
    submit(drill, 'rollback payments-db');
    expect(checkCommand(drill.world, parsed('abort #2'))).toMatch(/^#2 rollback payments-db cannot be aborted: payments-db moves by migration: a migration is never stopped halfway/);
  });

  it('a restore, whose lost writes are already given up', () => {
    const drill = new Drill(scenario('agent-drop-table').spec, 1);
    drill.advance(Math.max(...drill.spec.faults.map((f) => f.atMs)) + 5_000);
    const restore = submit(drill, 'restore crm-db');
    expect(restore.status).toBe('running');
    expect(checkCommand(drill.world, parsed(`abort #${restore.id}`))).toMatch(/^#1 restore crm-db cannot be aborted: the rows written since its restore point are already given up/);
    expect(checkCommand(drill.world, parsed('abort crm-db'))).toMatch(/^#1 restore crm-db cannot be aborted:/);
  });

  it('to choose between several actions in flight, listing them', () => {
    const drill = new Drill(LAYERED, 1);
    submit(drill, 'deploy embedder e1');
    submit(drill, 'deploy api 1.2');
    expect(checkCommand(drill.world, parsed('abort'))).toBe('2 actions in flight can be aborted: #1 deploy embedder e1, #2 deploy api 1.2; name one (abort #2)');
  });
});

describe('abort of a switch not yet made', () => {
  it('calls it off: the pointer never moves', () => {
    const drill = new Drill(LAYERED, 1);
    const deploy = submit(drill, 'deploy embedder e1');
    const abort = finish(drill, submit(drill, 'abort embedder'));
    expect(abort.output[0]).toBe('#1 deploy embedder e1 aborted: embedder never switched: it stays at e2');
    expect(deploy.status).toBe('aborted');
    drill.advance(120_000);
    expect(drill.world.versionOf('embedder')).toBe('e2');
  });

  it('fails when the action ended before the abort reached it', () => {
    const drill = new Drill(LAYERED, 1);
    submit(drill, 'deploy prompt p3');
    drill.advance(4_000);
    const abort = finish(drill, submit(drill, 'abort prompt'));
    expect(abort.status).toBe('failed');
    expect(abort.reason).toBe('#1 deploy prompt p3 ended (done) before the abort reached it');
    expect(drill.world.versionOf('prompt')).toBe('p3');
  });
});

describe('abort of a release rolled back as one unit', () => {
  function releaseRollback(afterMs: number) {
    const drill = new Drill(scenario('payment-schema-rollback').spec, 1);
    drill.advance(10_000);
    const release = submit(drill, 'rollback-release --max-unavailable 25%');
    drill.advance(afterMs);
    const abort = finish(drill, submit(drill, 'abort r41'));
    return { drill, release, abort };
  }

  it('lets a migration under way run to its end, and starts no rollout after it', () => {
    const { drill, release, abort } = releaseRollback(5_000);
    expect(release.status).toBe('aborted');
    expect(abort.output[0]).toMatch(/payments-db's migration to 2\.14 runs to its end \(a migration is never stopped halfway\): migrate payments-db 2\.15 goes back/);
    drill.advance(120_000);
    expect(drill.world.versionOf('payments-db')).toBe('2.14');
    expect(podsOf(drill, 'payment-api')).toEqual({ '2.15 ready': 200 });
  });

  it('sends pods back to their stable version mid-rollout and leaves the migrated schema where it is', () => {
    const { drill, abort } = releaseRollback(70_000);
    expect(abort.status).toBe('done');
    expect(abort.output[0]).toBe('#1 rollback-release --max-unavailable 25% aborted: payments-db stays at schema 2.14: an abort does not undo a migration (migrate payments-db 2.15 does); payment-api back on 2.15');
    expect(podsOf(drill, 'payment-api')).toEqual({ '2.15 ready': 200 });
  });
});
