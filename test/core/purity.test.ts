import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

const core = files(join(ROOT, 'src', 'core')).map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

describe('src/core', () => {
  it('imports nothing of Node’s I/O, nor ink or react, nor the other folders of src', () => {
    const bad = /from\s+['"](node:)?(fs|fs\/promises|path|child_process|worker_threads|process|os|net|http|https|readline|ink|react)['"]|from\s+['"]\.\.\/\.\.\/(cli|tui|drill|report|formats)|from\s+['"]\.\.\/(cli|tui|drill|report|formats)\//;
    expect(core.filter((f) => bad.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it('never reads the wall clock, Math.random, the environment or process', () => {
    const bad = /Date\.now\(|new Date\(|performance\.now\(|Math\.random\(|process\.|globalThis\.process/;
    expect(core.filter((f) => bad.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it('never names a scenario of the library: outcomes come from mechanisms', () => {
    const ids = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect(ids.length).toBeGreaterThan(0);
    const src = files(join(ROOT, 'src')).map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8') }));
    const named = src.flatMap((f) => ids.filter((id) => f.text.includes(id)).map((id) => `${f.file}: ${id}`));
    expect(named).toEqual([]);
  });
});
