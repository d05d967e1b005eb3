import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { loadExpectations, type ExpectedMiss } from '../formats/expectations.js';
import { CONFIG_FILE_NAME, loadRunConfig, type RunConfig } from '../formats/run-config.js';
import { InputError, type Problem } from '../formats/source.js';
import { readInput } from './files.js';
import { UsageError } from './io.js';

/** The nearest firedrill.config.yaml in `from` or a folder above it, as git finds its repository. */
export function findConfig(from: string): string | null {
  let dir = resolve(from);
  for (;;) {
    const file = join(dir, CONFIG_FILE_NAME);
    if (existsSync(file) && statSync(file).isFile()) return file;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** A path as the user would type it from the working folder. */
function fromHere(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel;
}

/**
 * The config a run uses: the file --config names, else the nearest one found from the working
 * folder up (none with --no-config). Paths in it are read from its own folder, as a committed
 * file means them, and given back as paths from the working folder; a name that is no file
 * there (a built-in scenario id or playbook name) is kept as written.
 */
export function runConfig(values: { config?: unknown; 'no-config'?: unknown }, cwd: string, command: string): RunConfig | null {
  if (values['no-config'] === true && values.config !== undefined) throw new UsageError('give --config FILE or --no-config, not both', command);
  if (values['no-config'] === true) return null;
  const named = values.config as string | undefined;
  const file = named ?? findConfig(cwd);
  if (file === null) return null;
  const shown = named ?? fromHere(file, cwd);
  const config = loadRunConfig(readInput(file), shown);
  const base = dirname(resolve(cwd, file));
  const missing: Problem[] = [];
  const path = (p: string, field: string): string => {
    if (existsSync(resolve(base, p))) return fromHere(resolve(base, p), cwd);
    // A name with a folder in it or a YAML ending is a path, not a built-in name: say where it was written.
    if (/[\\/]|\.ya?ml$/i.test(p)) {
      const what = /[\\/]$/.test(p) ? 'folder' : 'file';
      missing.push({ file: shown, ...config.places[field]!, path: field, message: `no such ${what}: ${fromHere(resolve(base, p), cwd)} (paths in ${basename(file)} are read from its own folder)` });
    }
    return p;
  };
  const scenarios = config.scenarios?.map((p, i) => path(p, `scenarios[${i}]`));
  const playbook = config.playbook === undefined ? undefined : path(config.playbook, 'playbook');
  if (missing.length > 0) throw new InputError(missing);
  return {
    ...config,
    ...(scenarios ? { scenarios } : {}),
    ...(playbook ? { playbook } : {}),
    ...(config.out ? { out: fromHere(resolve(base, config.out), cwd) } : {}),
  };
}

/** The expected misses of a run: those of --expect FILE, which replace the config's, else the config's. */
export function expectedMisses(values: { expect?: unknown }, config: RunConfig | null): ExpectedMiss[] {
  if (typeof values.expect === 'string') return loadExpectations(readInput(values.expect), values.expect);
  return config?.expectedMisses ?? [];
}
