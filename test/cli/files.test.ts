import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded } from '../../src/cli/files.js';
import { fileLines } from '../../src/cli/stream-file.js';
import { InputError } from '../../src/formats/source.js';
import { chainJournal, parsedLines } from '../chained-journal.js';
import { cli } from './cli-helpers.js';
import { firedrillProcess } from './process-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-files-'));
const fifo = join(dir, 'pipe.yaml');
execFileSync('mkfifo', [fifo]);

/** The problem an input error names, as the command line prints it. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return `${e.problems[0]!.line}: ${e.problems[0]!.message}`;
    throw e;
  }
  throw new Error('expected an input error');
}

describe('input files are bounded by what is read', () => {
  it('refuses a FIFO where a scenario is expected, at once, instead of waiting for a writer', () => {
    const r = firedrillProcess(['validate', fifo]);
    expect(r.signal, 'killed after waiting').toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${fifo}:1:1: is a named pipe (FIFO), not a regular file\n`);
  });

  it('refuses /dev/zero through validate, replay and merge, instead of reading gigabytes', () => {
    for (const args of [['validate', '/dev/zero'], ['replay', '/dev/zero'], ['merge', '/dev/zero']]) {
      const r = firedrillProcess(args);
      expect(r.signal, args.join(' ')).toBeNull();
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^\/dev\/zero:1:1: is a character device, not a regular file/);
    }
  });

  it('refuses a journal whose header names a FIFO as its scenario', async () => {
    const journal = join(dir, 'fifo.journal');
    const recorded = await cli('run', 'transient-spike', '--playbook', 'windowed-rollback', '--journal', journal);
    expect(recorded.code).toBe(0);
    const [header, ...rest] = parsedLines(readFileSync(journal, 'utf8'));
    // Written again with its digest chain whole, so that what is refused is the path it names.
    writeFileSync(journal, chainJournal([{ ...header, scenario: { ...(header!.scenario as object), file: fifo } }, ...rest]));
    const r = firedrillProcess(['replay', journal]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fifo}:1:1: is a named pipe (FIFO), not a regular file`);
  });

  it('reads at most one byte past the limit, and says the limit', () => {
    const path = join(dir, 'big.yaml');
    writeFileSync(path, 'x'.repeat(101));
    expect(refusal(() => readBounded(path, 100, 'tests'))).toBe('1: file is 101 bytes; tests are limited to 100 bytes');
    expect(readBounded(path, 101, 'tests').length).toBe(101);
  });

  it('says a file is missing, or a loop of symbolic links, rather than unreadable', () => {
    const loop = join(dir, 'loop.yaml');
    symlinkSync(loop, loop);
    expect(refusal(() => readBounded(join(dir, 'missing.yaml'), 100, 'tests'))).toBe('1: no such file');
    expect(refusal(() => readBounded(loop, 100, 'tests'))).toBe('1: a loop of symbolic links: it leads to no file');
  });

  it('refuses a result file with a line longer than the limit, naming the line', () => {
    const path = join(dir, 'long-line.json');
    writeFileSync(path, `short\n${'x'.repeat(500)}\n`);
    expect(refusal(() => [...fileLines(path, { bytes: 10_000, lineChars: 100 })])).toMatch(/^2: line 2 is longer than 100 characters, the limit for a line of a result file/);
    expect(refusal(() => [...fileLines(path, { bytes: 100, lineChars: 10_000 })])).toMatch(/^1: the file is larger than 100 bytes, the limit for result files/);
    expect([...fileLines(path)]).toEqual(['short', 'x'.repeat(500)]);
  });
});
