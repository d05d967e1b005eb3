import { describe, expect, it } from 'vitest';
import { describeTarget } from '../../../src/core/actions/observe-verbs.js';
import { Drill } from '../../../src/core/drill.js';
import { scenario } from '../../helpers.js';

function inspect(id: string, target: string, atMs: number): string[] {
  const drill = new Drill(scenario(id).spec, 1);
  drill.advance(atMs);
  const lines = describeTarget(drill.world, target);
  if (typeof lines === 'string') throw new Error(lines);
  return lines;
}

describe('inspect', () => {
  it('compares a canary route with the stable one on every signal the team watches, saying which SLO it breaks', () => {
    const lines = inspect('recommender-canary', 'canary', 240_000);
    expect(lines[0]).toBe('canary route, 10% of users: recs-model recs-2025-12 (stable: recs-2025-10)');
    const accuracy = lines.find((l) => l.trimStart().startsWith('accuracy'))!;
    expect(accuracy).toMatch(/^ {2}accuracy +\d+\.\d% +stable \d+\.\d% +SLO ≥ 80\.0%, broken on canary$/);
    expect(lines.find((l) => l.trimStart().startsWith('inappropriate'))).toMatch(/broken on canary$/);
    expect(lines.find((l) => l.trimStart().startsWith('errorRate'))).not.toMatch(/broken/);
    // One line a signal, each short enough for the answer area of an 80-column screen.
    expect(lines).toHaveLength(6);
    for (const l of lines) expect(l.length).toBeLessThan(80);
    const stable = inspect('recommender-canary', 'stable', 240_000);
    expect(stable.find((l) => l.trimStart().startsWith('accuracy'))).toMatch(/canary \d+\.\d% +SLO ≥ 80\.0%$/);
  });

  it('lists, for the whole stack, what each route serves where the routes differ', () => {
    const drill = new Drill(scenario('recommender-canary').spec, 1);
    drill.advance(240_000);
    expect((describeTarget(drill.world, undefined) as string[]).filter((l) => l.startsWith('route'))).toEqual([
      'route stable: 90% of users on main, serves recs-model recs-2025-10',
      'route canary: 10% of users on main, serves recs-model recs-2025-12',
    ]);
  });

  it('says a route without users has no signals, and what it would serve', () => {
    expect(inspect('recommender-canary', 'canary', 30_000)).toEqual(['canary route, 0% of users: the same versions as every route', 'no signals: the route carries no users now']);
  });

  it('names a model a model once, and a deployment by its layer', () => {
    expect(inspect('recommender-canary', 'recs-model', 0)[0]).toBe('recs-model (model) at recs-2025-10');
    expect(inspect('payment-schema-rollback', 'payment-api', 0)[0]).toBe('payment-api (serving deployment) at 2.15');
  });

  it('says where each backup is kept, which decides what a deletion takes with it', () => {
    expect(inspect('agent-drop-table', 'crm-db', 0).find((l) => l.startsWith('backup nightly'))).toBe('backup nightly: 14:00:00 old, kept in the same cloud account, available');
  });
});
