import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { MAX_FILE_BYTES } from '../../src/formats/limits.js';
import { median, type BenchResult } from './measure.js';

const quiet: Io = { out: () => {}, err: () => {}, isTTY: false, errTTY: false, color: false, env: {} };

/**
 * The README's promise that bad input is refused within a second, measured on the slowest file
 * the size limit lets through: a list of sixteen thousand numbers where a scenario belongs.
 */
export async function badInputBench(): Promise<BenchResult> {
  let text = 'id: x\nlayers: [';
  while (text.length < MAX_FILE_BYTES - 16) text += '1,';
  const path = join(mkdtempSync(join(tmpdir(), 'firedrill-bench-')), 'wide.yaml');
  writeFileSync(path, `${text}1]\n`);
  const runs: number[] = [];
  for (let i = 0; i < 13; i++) {
    const t0 = performance.now();
    const code = await main(['validate', path], quiet);
    runs.push(performance.now() - t0);
    if (code !== 2) throw new Error(`validate answered ${code}, not 2`);
  }
  const ms = median(runs.sort((a, b) => a - b));
  return { name: 'validate refuses the slowest file the size limit lets through', value: `${ms.toFixed(0)} ms median of ${runs.length}`, target: '< 1,000 ms', met: ms < 1000 };
}
