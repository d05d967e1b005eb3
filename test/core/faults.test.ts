import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { isAnnounced } from '../../src/core/faults.js';
import type { FaultAction } from '../../src/core/spec.js';
import { scenario } from '../helpers.js';

function logOf(id: string, untilMs: number) {
  const drill = new Drill(scenario(id).spec, 1);
  drill.advance(untilMs);
  return drill.world.log;
}

describe('changes the release system announces, and faults nobody does', () => {
  it("logs a canary's stages and its promotion as announced changes", () => {
    const log = logOf('recommender-canary', 600_000);
    expect(log.filter((e) => e.kind === 'change').map((e) => e.text)).toEqual([
      'canary of r9: 1% -> 10% -> 50% -> 100%',
      'canary of r9 at 1%',
      'canary of r9 at 10%',
      'canary of r9 at 50%',
      'canary of r9 at 100%',
      'canary of r9 promoted to every user',
    ]);
    expect(log.some((e) => e.kind === 'fault')).toBe(false);
  });

  it("keeps a provider's alias move and an agent's command faults, announced to no one", () => {
    const provider = logOf('silent-provider-update', 600_000);
    expect(provider.some((e) => e.kind === 'fault' && /moved openai alias/.test(e.text))).toBe(true);
    expect(provider.some((e) => e.kind === 'change')).toBe(false);
    const agent = logOf('agent-drop-table', 600_000);
    expect(agent.some((e) => e.kind === 'fault' && /coding-agent/.test(e.text))).toBe(true);
    expect(agent.some((e) => e.kind === 'change')).toBe(false);
  });

  it('announces a pointer switch when it takes effect, whether a deploy or a facilitator’s inject made it', () => {
    const deployed = logOf('prompt-template-regression', 600_000);
    expect(deployed.filter((e) => e.kind === 'change').map((e) => e.text)).toContain('prompt-template -> v12 (pointer switch)');
    const drill = new Drill(scenario('prompt-template-regression').spec, 1);
    drill.advance(400_000);
    expect(drill.submit({ verb: 'rollback', args: ['prompt-template'], options: {} }, 'team').status).toBe('running');
    drill.advance(60_000);
    const before = drill.world.log.length;
    drill.inject(scenario('prompt-template-regression').meta.injects.find((i) => i.id === 'v12-republished')!.fault);
    drill.advance(30_000);
    const after = drill.world.log.slice(before);
    expect(after.map((e) => [e.kind, e.text])).toEqual(
      expect.arrayContaining([
        ['inject', 'prompt-template changed to v12'],
        ['change', 'prompt-template -> v12 (pointer switch)'],
      ]),
    );
  });

  it('reads as announced what goes through the release system, and as silent what happens outside it', () => {
    const rule = { id: 'r', when: [], effect: {}, explain: 'x' };
    const cases: [FaultAction, boolean][] = [
      [{ type: 'deploy', release: 'r1' }, true],
      [{ type: 'canary', release: 'r1', stages: [] }, true],
      [{ type: 'set-version', component: 'c', version: 'v' }, true],
      [{ type: 'set', key: 'k', value: 1 }, true],
      [{ type: 'switch', route: 'stable', track: 'blue' }, true],
      [{ type: 'move-alias', registry: 'r', alias: 'a', to: 'v' }, false],
      [{ type: 'retire', registry: 'r', version: 'v' }, false],
      [{ type: 'agent', agent: 'a', action: { kind: 'drop-table', database: 'd', table: 't' } }, false],
      [{ type: 'traffic', factor: 2, forMs: 1000 }, false],
      [{ type: 'rule', rule }, false],
    ];
    for (const [f, announced] of cases) expect(isAnnounced(f), f.type).toBe(announced);
  });
});
