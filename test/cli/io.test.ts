import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../src/cli/io.js';
import { BIN } from './process-helpers.js';

describe('standard output closed by its reader', () => {
  it('ends the command quietly, as firedrill list | head -1 expects, with no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'list'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the first line is written: every write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 30_000);
});

describe('colour on or off', () => {
  it('is on for a terminal and off into a pipe or a dumb terminal', () => {
    expect(wantsColor({}, true)).toBe(true);
    expect(wantsColor({}, false)).toBe(false);
    expect(wantsColor({ TERM: 'dumb' }, true)).toBe(false);
  });

  it('is off with NO_COLOR set to anything but the empty string', () => {
    expect(wantsColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColor({ NO_COLOR: '' }, true)).toBe(true);
  });

  it('is on with FORCE_COLOR, even into a pipe and over NO_COLOR, unless it says 0 or false', () => {
    expect(wantsColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(wantsColor({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(wantsColor({ FORCE_COLOR: '3', NO_COLOR: '1' }, false)).toBe(true);
    expect(wantsColor({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(wantsColor({ FORCE_COLOR: 'false' }, true)).toBe(false);
  });

  it('is off with --no-color, whatever the environment says', () => {
    expect(wantsColor({ FORCE_COLOR: '1' }, true, true)).toBe(false);
  });
});
