import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { Progress } from '../../src/cli/sweep/progress.js';
import { ROOT } from '../helpers.js';
import { BIN } from './process-helpers.js';

function io(errTTY: boolean): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: () => undefined, err: (t) => void lines.push(t), isTTY: false, errTTY, color: false, env: {} };
}

describe('sweep progress off a terminal', () => {
  it('prints a line at each tenth of a long sweep, with drills done, misses so far and time left', () => {
    let now = 0;
    const out = io(false);
    const p = new Progress(out, 2000, 'firedrill run', () => now);
    for (let i = 1; i <= 2000; i++) {
      now += 5;
      p.tick(i % 100 !== 0, i % 200 === 0);
    }
    p.finish();
    expect(out.lines).toHaveLength(9);
    expect(out.lines[0]).toBe('firedrill run: 200/2000 drills (10%), 2 missed so far (1 as expected), 0:01 elapsed, about 0:09 left\n');
    expect(out.lines[8]).toMatch(/^firedrill run: 1800\/2000 drills \(90%\), 18 missed so far \(9 as expected\), 0:09 elapsed, about 0:01 left\n$/);
  });

  it('keeps a short sweep quiet, but never silent for more than ten seconds', () => {
    let now = 0;
    const out = io(false);
    const p = new Progress(out, 40, 'firedrill run', () => now);
    for (let i = 0; i < 10; i++) p.tick(true);
    expect(out.lines).toEqual([]);
    now = 10_500;
    p.tick(true);
    expect(out.lines).toEqual(['firedrill run: 11/40 drills (27%), 0:10 elapsed, about 0:27 left\n']);
  });

  it('draws a bar on a terminal instead', () => {
    const out = io(true);
    const p = new Progress(out, 3, 'firedrill run', () => 1000);
    p.tick(true);
    expect(out.lines[0]).toMatch(/^\r\u001b\[Kfiredrill run █+░+ 1\/3 drills/);
  });

  it('reaches a CI log while a 2,000-drill sweep runs, and leaves --json output one JSON document', async () => {
    const child = spawn(process.execPath, [BIN, 'run', 'prompt-template-regression', 'transient-spike', '--playbook', 'reference', '--seeds', '1000', '--json', '--no-config'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // The summary is written once the last drill is in: lines seen by then came while it ran.
    let linesWhileRunning = 0;
    child.stdout.on('data', (d: Buffer) => void (stdout += d));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (!stdout.includes('"summary":')) linesWhileRunning = stderr.split('\n').filter((l) => l.startsWith('firedrill run: ')).length;
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(linesWhileRunning).toBe(9);
    expect(stderr).toMatch(/^firedrill run: 200\/2000 drills \(10%\), [\d:]+ elapsed, about [\d:]+ left$/m);
    const doc = JSON.parse(stdout);
    expect(doc.summary.drills).toBe(2000);
  }, 120_000);
});
