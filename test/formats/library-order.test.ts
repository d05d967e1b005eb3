import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCurriculum } from '../../src/formats/curriculum.js';
import { libraryOrder } from '../../src/formats/library-order.js';
import type { ScenarioMeta } from '../../src/formats/scenario.js';
import { LIBRARY } from '../drill-cases.js';
import { scenario, SCENARIOS } from '../helpers.js';

const curriculum = loadCurriculum(readFileSync(join(SCENARIOS, 'training', 'curriculum.yaml'), 'utf8'), 'curriculum.yaml', LIBRARY);
// As the files list them: a guarded variant's name sorts before the scenario it guards.
const library = [...LIBRARY].sort().map((id) => scenario(id).meta);

describe('the order the library is browsed in', () => {
  it("follows the curriculum, from its first steps, and lists every scenario once", () => {
    const ids = libraryOrder(library, curriculum).map((s) => s.id);
    expect(ids.slice(0, 2)).toEqual(['prompt-template-regression', 'recommender-canary']);
    expect([...ids].sort()).toEqual([...LIBRARY].sort());
  });

  it('puts each guarded variant right after the scenario it guards', () => {
    const ids = libraryOrder(library, curriculum).map((s) => s.id);
    for (const [incident, guarded] of [
      ['agent-drop-table', 'agent-drop-table-soft-delete'],
      ['terraform-destroy', 'terraform-destroy-remote-state'],
      ['token-deletes-volume', 'token-deletes-volume-least-privilege'],
    ] as const) {
      expect(ids.indexOf(guarded), guarded).toBe(ids.indexOf(incident) + 1);
    }
  });

  it('lists a scenario the curriculum does not place after those it does', () => {
    const extra = { ...library[0]!, id: 'aaa-own-scenario', variantOf: undefined } as ScenarioMeta;
    const ids = libraryOrder([extra, ...library], curriculum).map((s) => s.id);
    expect(ids.at(-1)).toBe('aaa-own-scenario');
  });
});
