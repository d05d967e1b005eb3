import { describe, expect, it } from 'vitest';
import { Tabletop } from '../../src/drill/tabletop.js';
import { scenario } from '../helpers.js';
import { FakeClock } from './fake-clock.js';

const tabletop = () => new Tabletop({ scenario: scenario('payment-schema-rollback'), seed: 1, mode: 'team', speed: 60, clock: new FakeClock() });

describe('help at the tabletop', () => {
  it('explains one verb from its declaration: usage, summary, each argument and option', () => {
    const reply = tabletop().help('restore');
    expect(reply.kind).toBe('info');
    expect(reply.lines[0]).toBe('usage: restore DATABASE [--from BACKUP | --pitr]');
    expect(reply.lines.some((l) => /^ {2}--pitr +restore to the moment before the loss/.test(l))).toBe(true);
  });

  it('says where rollback and rollback-release without a name go now, from the live world', () => {
    const t = tabletop();
    const rollback = t.help('rollback').lines;
    expect(rollback).toContain('Now, for what a command leaves out:');
    expect(rollback).toContain('  rollback payment-api: to 2.14 (the version 2.15 replaced)');
    expect(t.help('rollback-release').lines.at(-1)).toBe('  rollback-release: to r41 (the release r42 replaced)');
    expect(t.help('restore').lines).not.toContain('Now, for what a command leaves out:');
  });

  it('says what abort does to a verb, or why it cannot stop it', () => {
    const t = tabletop();
    expect(t.help('rollback-release').lines).toContain('abort while it runs: no further phase starts; deployments rolling out go back to the version that was stable before it began, pointers already switched flip back, a migration under way runs to its end');
    expect(t.help('restore').lines.at(-1)).toMatch(/^cannot be aborted: the rows written since its restore point are already given up/);
  });

  it('lists what abort can stop now, by number', () => {
    const t = tabletop();
    expect(t.help('abort').lines.at(-1)).toBe('  nothing in flight can be aborted');
    t.session.advance(10_000);
    t.enter('rollback payment-api --max-unavailable 25%');
    t.session.advance(30_000);
    expect(t.help('abort').lines.at(-1)).toBe('  abort #1: rollback payment-api --max-unavailable 25% (team, running 0:30)');
  });

  it('lists every verb, and names the nearest one for a misspelt verb', () => {
    const t = tabletop();
    const names = t.help('').lines.slice(1).join(' ').trim().split(/\s+/);
    expect(names).toContain('rollback-release');
    expect(names).toHaveLength(new Set(names).size);
    expect(t.help('').lines.every((l) => l.length <= 78)).toBe(true);
    expect(t.help('rolback')).toMatchObject({ kind: 'error', lines: ["unknown command 'rolback'; did you mean 'rollback'?"] });
  });
});

describe('the best play against the team’s injects', () => {
  it('fires the same injects at the same times in the reference drill', async () => {
    const { drillPlaybook } = await import('../../src/drill/playbook-runner.js');
    const { playbook } = await import('../helpers.js');
    const s = scenario('payment-schema-rollback');
    const reference = playbook(s.meta.playbooks.reference);
    const plain = drillPlaybook(s, reference, 1).session;
    const twisted = drillPlaybook(s, reference, 1, undefined, [{ id: 'lunchtime-peak', atMs: 60_000 }]).session;
    expect(twisted.journal.filter((e) => e.kind === 'inject').map((e) => e.atMs)).toEqual([60_000]);
    expect(plain.journal.some((e) => e.kind === 'inject')).toBe(false);
    expect(twisted.result().counts.requests).toBeGreaterThan(plain.result().counts.requests);
  });
});

describe('watching a playbook carried out by people', () => {
  it('shows the page acknowledged and the first command minutes after the alert, not at once', async () => {
    const { playbook } = await import('../helpers.js');
    const { byHand } = await import('../../src/formats/playbook.js');
    const s = scenario('payment-schema-rollback');
    const people = byHand(playbook(s.meta.playbooks.reference));
    const t = new Tabletop({ scenario: s, seed: 2, mode: 'watch', speed: 60, clock: new FakeClock(), playbook: people });
    t.session.advance(15 * 60_000);
    const run = t.runner!.run;
    const acted = t.session.drill.actions.records.find((r) => r.verb === 'rollback-release')!;
    expect(run.log.map((l) => l.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^page acknowledged after \d+:\d\d$/)]));
    expect(acted.by).toBe('responder running human:unified-release-rollback');
    expect(acted.startMs - run.triggeredMs!).toBeGreaterThan(60_000);
  });
});

describe('who typed a command', () => {
  it('is you in training, as the prompt says, and the team at a tabletop, unless a line names someone', () => {
    const learner = new Tabletop({ scenario: scenario('payment-schema-rollback'), seed: 1, mode: 'training', clock: new FakeClock() });
    expect(learner.enter('inspect payment-api').lines[0]).toBe('you: inspect payment-api (started)');
    expect(learner.session.drill.world.log.at(-1)).toMatchObject({ kind: 'action', text: 'you: inspect payment-api' });
    expect(learner.session.journal.at(-1)).toMatchObject({ kind: 'command', by: 'you' });
    const room = tabletop();
    expect(room.enter('inspect payment-api').lines[0]).toBe('team: inspect payment-api (started)');
    expect(room.enter('@alice inspect payments-db').lines[0]).toBe('alice: inspect payments-db (started)');
  });
});
