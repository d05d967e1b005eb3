import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SCENARIOS } from '../helpers.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Packed {
  filename: string;
  integrity: string;
  files: { path: string }[];
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
}

/**
 * A project that depends on the tarball, with a lockfile: its runtime dependencies exactly as
 * this checkout's lockfile resolves them, so that `npm ci --offline` installs them from the npm
 * cache this checkout's own install filled, asking no registry.
 */
function userProject(dir: string, packed: Packed): void {
  const ours = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const { dependencies, version, license, bin, engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const runtime = Object.entries(ours.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional);
  const spec = `file:${packed.filename}`;
  const manifest = { name: 'drills', version: '1.0.0', private: true, dependencies: { firedrill: spec } };
  const lock = {
    name: 'drills',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'drills', version: '1.0.0', dependencies: { firedrill: spec } },
      'node_modules/firedrill': { version, resolved: spec, integrity: packed.integrity, license, dependencies, bin, engines },
      ...Object.fromEntries(runtime),
    },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
}

/**
 * The package as a user gets it: packed by npm, installed from the tarball (offline, its two
 * dependencies from the npm cache), and run from a folder that is not the checkout.
 */
describe('the packed package', () => {
  const project = mkdtempSync(join(tmpdir(), 'firedrill-pack-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'firedrill-user-'));
  let packed: Packed;
  const firedrill = (...args: string[]) => spawnSync(join(project, 'node_modules', '.bin', 'firedrill'), args, { cwd: elsewhere, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  beforeAll(() => {
    // dist/ was built for this test run (test/build-dist.ts): packing does not build it again.
    const out = execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', project], { cwd: ROOT, encoding: 'utf8' });
    packed = (JSON.parse(out) as Packed[])[0]!;
    userProject(project, packed);
    execFileSync(NPM, ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: project, encoding: 'utf8' });
  }, 180_000);

  it('ships the built command, the scenarios and their schemas, and nothing of tests, sources or CI', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'dist/firedrill.js', 'dist/worker.js', 'dist/THIRD-PARTY-NOTICES.md', 'scenarios/payment-schema-rollback.yaml', 'scenarios/playbooks/unified-release-rollback.yaml', 'scenarios/schema/scenario.schema.json', 'scenarios/training/curriculum.yaml']) {
      expect(paths).toContain(needed);
    }
    expect(paths.filter((p) => /^(src|test|scripts|\.ci)\/|\.ts$|^tsconfig|^vitest/.test(p))).toEqual([]);
  });

  it('installs with only its runtime dependencies, and answers --version', () => {
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', 'firedrill', 'package.json'), 'utf8'));
    expect(Object.keys(installed.dependencies).sort()).toEqual(['ink', 'react']);
    for (const bundled of ['zod', 'yaml', 'seedrandom', 'fast-check', 'tsx', 'esbuild']) expect(existsSync(join(project, 'node_modules', bundled))).toBe(false);
    const v = firedrill('--version');
    expect(v.status).toBe(0);
    expect(v.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('lists, runs and validates from another folder, finding its built-in library in the package', () => {
    const list = firedrill('list');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^payment-schema-rollback +Code rolled back, database not$/m);
    const run = firedrill('run', 'payment-schema-rollback', '--playbook', 'reference', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ scenario: 'payment-schema-rollback', verdict: 'PASS' });
    const mine = join(elsewhere, 'mine.yaml');
    writeFileSync(mine, readFileSync(join(SCENARIOS, 'model-drift.yaml'), 'utf8'));
    const valid = firedrill('validate', 'mine.yaml');
    expect(valid.status).toBe(0);
    expect(valid.stdout).toMatch(/^ok {2}mine\.yaml \(scenario\)$/m);
  });

  it('runs a sweep on worker threads from the installed bundle', () => {
    const sweep = firedrill('run', 'shared-timeout-budget', '--playbook', 'reference', '--seeds', '40', '--workers', '2', '--json');
    expect(sweep.status, sweep.stderr).toBe(0);
    expect(sweep.stdout).toMatch(/"drills":40/);
  });
});
