import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { CliResult } from './cli-helpers.js';

/** Runs the command line in-process with a chosen environment and terminal, capturing output. */
export async function cliWith(opts: { env?: Record<string, string>; errTTY?: boolean }, ...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    isTTY: false,
    errTTY: opts.errTTY ?? false,
    color: false,
    env: opts.env ?? {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `firedrill-${name}-`));
}
