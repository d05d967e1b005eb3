import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseWorld } from '../../src/drill/fuzz/base-world.js';
import { safeFileName } from '../../src/drill/fuzz/finding-file.js';
import { incidentArbitrary } from '../../src/drill/fuzz/incident.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { faultInput, formatDuration, patchScenario } from '../../src/formats/write-scenario.js';
import { parseDuration } from '../../src/formats/units.js';
import { SCENARIOS, scenario } from '../helpers.js';

const LIBRARY = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));

describe('writing scenarios', () => {
  it('writes durations that read back to the same milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * 86_400_000 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
      { numRuns: 500 },
    );
    expect([formatDuration(90_000), formatDuration(300_000), formatDuration(7_200_000), formatDuration(1500)]).toEqual(['90s', '5m', '2h', '1500ms']);
  });

  it('writes generated faults that load back as the same faults, for every scenario of the library', () => {
    expect(LIBRARY.length).toBeGreaterThan(0);
    for (const id of LIBRARY) {
      const text = readFileSync(join(SCENARIOS, `${id}.yaml`), 'utf8');
      const base = baseWorld(scenario(id)).scenario;
      fc.assert(
        fc.property(incidentArbitrary(base), (incident) => {
          const written = patchScenario(text, { initial: base.spec.initialRelease, history: base.spec.history, faults: incident.faults.map(faultInput) });
          const loaded = loadScenario(written, `${id}-fuzzed.yaml`);
          expect(loaded.spec.faults).toEqual(incident.faults);
          expect(loaded.spec.initialRelease).toBe(base.spec.initialRelease);
        }),
        { numRuns: 8 },
      );
    }
  }, 60_000);

  it('keeps what the patch does not name as its author wrote it', () => {
    const text = readFileSync(join(SCENARIOS, 'payment-schema-rollback.yaml'), 'utf8');
    const written = patchScenario(text, { initial: 'r41', briefing: 'line one\nline two\n' });
    expect(written).toMatch(/^briefing: \|\n {2}line one\n {2}line two\n/m);
    expect(written).toMatch(/^initial: r41$/m);
    const rules = (t: string): string => t.slice(t.indexOf('\nrules:'), t.indexOf('\nslos:'));
    expect(rules(written).replace(/[{}]\s?|\s[{}]/g, '')).toBe(rules(text).replace(/[{}]\s?|\s[{}]/g, ''));
  });

  it('names files that stay inside the output folder whatever the ids say', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const name = safeFileName(text, '.yaml');
        expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.yaml$/);
        expect(name.length).toBeLessThanOrEqual(125);
      }),
      { numRuns: 100 },
    );
    expect(safeFileName('../../etc/passwd', '.yaml')).toBe('etc-passwd.yaml');
  });
});
