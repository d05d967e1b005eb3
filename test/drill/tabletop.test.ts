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
