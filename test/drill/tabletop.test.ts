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
