import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic, WriteError } from '../../src/cli/write-file.js';
import { cli } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-writes-'));

/** Whether a small tmpfs can be mounted here (as root, as CI runs), and if not, why. */
function tmpfsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'a full disk is simulated with a Linux tmpfs';
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs to fill needs root';
  const probe = join(dir, 'probe');
  mkdirSync(probe);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'this machine does not let a tmpfs be mounted';
  }
}

const noTmpfs = tmpfsUnavailable();

/** Runs `fn` on a fresh 64 KiB tmpfs (16 pages of 4 KiB), unmounted afterwards. */
async function onSmallDisk(name: string, fn: (disk: string) => Promise<void>): Promise<void> {
  const disk = join(dir, name);
  mkdirSync(disk);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]);
  try {
    await fn(disk);
  } finally {
    // Lazily: a descriptor a failed command left open must not fail the test.
    execFileSync('umount', ['-l', disk]);
  }
}

/** Leaves about `freeBytes` free on the disk. */
function fill(disk: string, freeBytes: number): void {
  writeFileSync(join(disk, 'filler'), Buffer.alloc(64 * 1024 - freeBytes));
}

const temps = (folder: string): string[] => readdirSync(folder).filter((f) => f.endsWith('.tmp'));

describe(`writes on a full disk${noTmpfs ? ` (skipped: ${noTmpfs})` : ''}`, () => {
  it.skipIf(noTmpfs)('a report that does not fit: exit 2 naming the file and why, no half file and no temporary file left', async () => {
    await onSmallDisk('html', async (disk) => {
      const out = join(disk, 'reports');
      // report.json, report.md and junit.xml fit in 64 KiB; report.html (37 KB) does not fit after them.
      const r = await cli('run', 'transient-spike', '--playbook', 'reference', '--seeds', '20', '--out', out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(`firedrill: cannot write ${join(out, 'report.html')}: no space left on the device (ENOSPC)\n`);
      expect(readdirSync(out).sort()).toEqual(['junit.xml', 'report.json', 'report.md']);
    });
  });

  it.skipIf(noTmpfs)('a result file that does not fit: the previous report.json stays in place, whole', async () => {
    await onSmallDisk('json', async (disk) => {
      const out = join(disk, 'reports');
      mkdirSync(out);
      writeFileSync(join(out, 'report.json'), 'the previous run\n');
      fill(disk, 16 * 1024);
      const r = await cli('run', 'transient-spike', '--playbook', 'reference', '--seeds', '20', '--out', out, '--format', 'json');
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(`firedrill: cannot write ${join(out, 'report.json')}: no space left on the device (ENOSPC)\n`);
      expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('the previous run\n');
      expect(temps(out)).toEqual([]);
    });
  });

  it.skipIf(noTmpfs)('a journal on a full disk: exit 2 naming the journal, not an internal error', async () => {
    await onSmallDisk('journal', async (disk) => {
      fill(disk, 0);
      const journal = join(disk, 'drill.journal');
      const r = await cli('run', 'transient-spike', '--playbook', 'windowed-rollback', '--journal', journal);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(`firedrill: cannot write ${journal}: no space left on the device (ENOSPC)\n`);
    });
  });
});

describe('temporary files', () => {
  it('are created under names no one can guess: a symbolic link planted at the old name is not written through', async () => {
    const out = join(dir, 'planted');
    mkdirSync(out);
    const victim = join(dir, 'outside.txt');
    writeFileSync(victim, 'not firedrill\'s\n');
    symlinkSync(victim, join(out, `report.json.${process.pid}.tmp`));
    const r = await cli('run', 'transient-spike', '--playbook', 'reference', '--seeds', '2', '--out', out, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('not firedrill\'s\n');
    expect(lstatSync(join(out, 'report.json')).isFile()).toBe(true);
  });

  it('are removed when a write fails, and the error names the file', () => {
    const target = join(dir, 'no-such-folder-as-file');
    writeFileSync(target, 'a file where a folder should be');
    const inside = join(target, 'report.md');
    expect(() => writeAtomic(inside, 'x')).toThrow(new WriteError(inside, `${target} is a file, not a folder`));
    expect(existsSync(inside)).toBe(false);
  });
});
