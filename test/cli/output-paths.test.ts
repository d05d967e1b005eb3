import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputPath, safeName } from '../../src/cli/sweep/outputs.js';
import { safeFileName } from '../../src/drill/fuzz/finding-file.js';

const hostile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('..', '../../etc/passwd', '/abs/path', '.hidden', 'a/../../b', '..\\..\\win', '\u0000', '', '...'),
);

describe('names from input files, used in paths', () => {
  it('are one safe path segment whatever the scenario id or playbook name says', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        for (const name of [safeName(text), safeFileName(text, '.yaml')]) {
          expect(name.length).toBeGreaterThan(0);
          expect(name).not.toContain('/');
          expect(name).not.toContain('\\');
          expect(name.startsWith('.')).toBe(false);
          const dir = resolve('reports');
          expect(resolve(dir, name).startsWith(dir + sep)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('report files stay inside the output folder', () => {
    expect(outputPath(join('reports', 'x'), 'json')).toBe(join('reports', 'x', 'report.json'));
  });
});
