import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_METRIC_NAMES } from '../../src/core/metric-table.js';
import { loadScenario } from '../../src/formats/scenario.js';
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

  it('never names a component or a metric of the library in code: nothing branches on one', () => {
    const names = new Set<string>();
    for (const f of readdirSync(join(ROOT, 'scenarios')).filter((x) => x.endsWith('.yaml'))) {
      const { spec } = loadScenario(readFileSync(join(ROOT, 'scenarios', f), 'utf8'), f);
      for (const c of spec.components) names.add(c.id);
      for (const m of spec.metrics) names.add(m.name);
    }
    // Built-in metrics belong to the simulator, not to a scenario.
    for (const m of BUILTIN_METRIC_NAMES) names.delete(m);
    expect(names.size).toBeGreaterThan(20);
    const src = files(join(ROOT, 'src')).map((f) => ({ file: relative(ROOT, f), code: withoutComments(readFileSync(f, 'utf8')) }));
    // A name as a whole literal is what a comparison or a lookup would use.
    const quoted = (n: string): RegExp => new RegExp(`['"\`]${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`);
    const named = src.flatMap((f) => [...names].filter((n) => quoted(n).test(f.code)).map((n) => `${f.file}: ${n}`));
    expect(named).toEqual([]);
  });
});

/** Code without its comments: a comment may use a library name as an example; code may not. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}
