import { spawnSync } from 'node:child_process';
import { BIN } from '../helpers.js';

export { BIN };

/**
 * Runs the installed command in a child process, killed after `timeoutMs`: for inputs that
 * could block a thread for good (a FIFO, a device), where an in-process run would hang the test
 * runner instead of failing the test. A kill shows as `code: null` with the signal.
 */
export function firedrillProcess(
  args: string[],
  timeoutMs = 20_000,
  options: { cwd?: string; env?: Record<string, string> } = {},
): { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: timeoutMs, cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
