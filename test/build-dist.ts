import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds dist/ once before any test file runs: the tests that start the command as a user
 * would (in a terminal, as a packed install) run the code of this checkout, never a stale build.
 */
export default function buildDist(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
}
