import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
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
