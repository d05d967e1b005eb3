import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process with a chosen environment and terminal, capturing output. */
export async function cliWith(opts: { env?: Record<string, string>; errTTY?: boolean; columns?: number }, ...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    isTTY: false,
    errTTY: opts.errTTY ?? false,
    color: false,
    env: opts.env ?? {},
    columns: opts.columns,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Runs the command line in-process, as a non-terminal, and captures what it prints. */
export function cli(...argv: string[]): Promise<CliResult> {
  return cliWith({}, ...argv);
}
