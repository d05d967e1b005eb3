import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

const report = files(join(ROOT, 'src', 'report')).map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

describe('src/report', () => {
  it('imports nothing from the command line, and no file or process I/O: reports are functions of their inputs', () => {
    const bad = /from\s+['"](\.\.\/)+cli\/|from\s+['"](node:)?(fs|fs\/promises|child_process|worker_threads|os|process)['"]/;
    expect(report.filter((f) => bad.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it('never reads the wall clock or Math.random, so the same inputs give the same bytes', () => {
    const bad = /Date\.now\(|new Date\(|performance\.now\(|Math\.random\(|process\.env/;
    expect(report.filter((f) => bad.test(f.text)).map((f) => f.file)).toEqual([]);
  });
});
