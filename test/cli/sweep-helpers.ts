import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export { cliWith } from './cli-helpers.js';

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `firedrill-${name}-`));
}
