import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';
import { firedrillProcess } from './process-helpers.js';
import { tempDir } from './sweep-helpers.js';

describe('the output folder', () => {
  it('refuses an empty --out, which would be the current folder', async () => {
    for (const args of [['run', 'transient-spike', '--playbook', 'reference', '--seeds', '2'], ['merge', 'shard-1']]) {
      const r = await cli(...args, '--out', '');
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(/^firedrill: --out needs a folder name: an empty one would write the reports into the current folder\n/);
    }
  });

  it('that cannot be made (under /proc) is an error naming it, at once, not a hang', () => {
    const r = firedrillProcess(['run', 'transient-spike', '--playbook', 'reference', '--seeds', '2', '--out', '/proc/firedrill-x']);
    expect(r.signal, 'killed after waiting').toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^firedrill: cannot write \/proc\/firedrill-x\/report\.json: /);
  });

  it('holds the reports of one run: reports of formats not asked for this time are removed', async () => {
    const out = join(tempDir('reused'), 'reports');
    mkdirSync(out);
    for (const f of ['report.json', 'report.md', 'junit.xml', 'report.html', 'notes.txt']) writeFileSync(join(out, f), 'an earlier run\n');
    const r = await cli('run', 'transient-spike', '--playbook', 'reference', '--seeds', '2', '--out', out, '--format', 'md,junit');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'notes.txt', 'report.md']);
  });
});
