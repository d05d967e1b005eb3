import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands.js';
import { Drill } from '../../src/core/drill.js';
import type { ScenarioSpec } from '../../src/core/spec.js';
import { scenario } from '../helpers.js';

/** The scenario with its memories rewritten at another rate: how busy users are, nothing an operator does. */
function withUpdates(spec: ScenarioSpec, updateRowsPerS: number): ScenarioSpec {
  const components = spec.components.map((c) =>
    c.database ? { ...c, database: { ...c.database, tables: c.database.tables.map((t) => ({ ...t, updateRowsPerS })) } } : c,
  );
  return { ...spec, components };
}

describe('an unstable state an action enters', () => {
  it('counts whatever the rate at which the data it reads is written', () => {
    const spec = scenario('memory-schema-non-additive').spec;
    for (const rate of [1, 2, 5, 10, 25, 60]) {
      for (const seed of [1, 2, 3]) {
        const drill = new Drill(withUpdates(spec, rate), seed);
        // Release r41 (chat-api 2.0, writing memories in format v2) is out on every pod...
        while (!(drill.now > 60_000 && [...drill.world.fleet.versionCounts('chat-api', 'main').keys()].join() === '2.0')) drill.advance(1000);
        drill.advance(10_000);
        expect(drill.tracker.unstable, `${rate} rows/s, seed ${seed}`).toEqual([]);
        // ...and rolling it back brings pods that cannot read what 2.0 wrote.
        drill.submit(parseCommand('rollback-release --max-unavailable 25%') as never, 'team');
        drill.advance(3 * 60_000);
        const entered = drill.tracker.unstable.map((u) => `${u.rule} (${u.cause})`);
        expect(entered, `${rate} rows/s, seed ${seed}`).toEqual([expect.stringMatching(/^old-reader-new-format \(action:\d+ rollback-release\)$/)]);
      }
    }
  });
});
