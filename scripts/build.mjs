#!/usr/bin/env node
// Builds dist/: the command and the sweep worker as JavaScript bundles, one file per command
// loaded only when that command runs. Plain JavaScript, so that it runs before anything is built.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');

/**
 * Bundling the packages in saves most of a start: zod alone is 95 modules for Node to find,
 * read and compile. Ink and React stay installed dependencies: only the screens load them.
 */
const EXTERNAL = ['ink', 'react', 'react/*'];

/**
 * One flat folder: the worker is `./worker.js` beside every chunk, wherever the code that starts
 * it landed. The banner gives the CommonJS packages bundled in (yaml, seedrandom) the `require`
 * they expect inside an ES module.
 */
const OPTIONS = {
  absWorkingDir: ROOT,
  entryPoints: { firedrill: 'src/cli/firedrill.ts', worker: 'src/cli/sweep/worker.ts' },
  outdir: DIST,
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  external: EXTERNAL,
  banner: { js: "import { createRequire as __firedrillRequire } from 'node:module'; const require = __firedrillRequire(import.meta.url);" },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

/** The packages bundled into dist/, each with its licence text: their licences ask for it to travel with the code. */
function notices(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m || packages.has(m[1])) continue;
    const dir = join(ROOT, m[1]);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licence = ['LICENSE', 'LICENSE.md', 'license', 'LICENCE', 'LICENSE.txt'].map((f) => join(dir, f)).find(existsSync);
    packages.set(m[1], { name: meta.name, version: meta.version, license: meta.license, text: licence ? readFileSync(licence, 'utf8').trim() : '' });
  }
  const sorted = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const unique = sorted.filter((p, i) => i === 0 || p.name !== sorted[i - 1].name || p.version !== sorted[i - 1].version);
  const body = unique.map((p) => `## ${p.name} ${p.version} (${p.license})\n\n${p.text || `Licensed under ${p.license}.`}\n`);
  return `# Packages bundled into firedrill's dist/\n\n${body.join('\n')}`;
}

rmSync(DIST, { recursive: true, force: true });
const result = await build(OPTIONS);
writeFileSync(join(DIST, 'THIRD-PARTY-NOTICES.md'), notices(result.metafile));
chmodSync(join(DIST, 'firedrill.js'), 0o755);
