import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers.js';


/** Starts a long sweep, sends the signals once the first drills are in, and collects what it left. */
function interrupted(signals: NodeJS.Signals[]): Promise<{ code: number | null; stderr: string; out: string }> {
  const out = join(mkdtempSync(join(tmpdir(), 'firedrill-interrupt-')), 'reports');
  const child = spawn(process.execPath, [BIN, 'run', join(ROOT, 'scenarios'), '--playbook', 'reference', '--seeds', '2000', '--workers', '2', '--out', out], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  // The sweep is under way once its workers have delivered drills: the temporary result file grows.
  const poll = setInterval(() => {
    const temp = existsSync(out) ? readdirSync(out).find((f) => f.endsWith('.tmp')) : undefined;
    if (!sent && temp && readFileSync(join(out, temp), 'utf8').split('\n').length > 50) {
      sent = true;
      signals.forEach((s, i) => setTimeout(() => child.kill(s), i * 50));
    }
  }, 100);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, stderr, out });
    });
  });
}

describe('interrupting a sweep', () => {
  it('on SIGINT, finishes the drills already started and writes complete reports of them, and says so', async () => {
    const r = await interrupted(['SIGINT']);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/SIGINT: finishing the drills already started/);
    const finished = /interrupted by SIGINT: (\d+) of 48000 drills finished; the results above are theirs, complete/.exec(r.stderr);
    expect(finished).not.toBeNull();
    const doc = JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8'));
    expect(doc.summary.interrupted).toEqual({ planned: 48000, signal: 'SIGINT' });
    expect(doc.drills).toHaveLength(Number(finished![1]));
    expect(doc.summary.drills).toBe(doc.drills.length);
    expect(doc.summary.status).toBe('interrupted');
    expect(readFileSync(join(r.out, 'report.md'), 'utf8')).toMatch(/\*\*INTERRUPTED\*\*: interrupted by SIGINT after \d+ of 48000 drills/);
    expect(readFileSync(join(r.out, 'junit.xml'), 'utf8')).toMatch(/<testsuites name="firedrill" tests="\d+" failures="\d+" errors="1"[^]*<error type="interrupted"/);
    expect(readFileSync(join(r.out, 'report.html'), 'utf8')).toContain('<div class="big-verdict fail">INTERRUPTED</div>');
    expect(readdirSync(r.out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('on SIGTERM, does the same with its own exit code', async () => {
    const r = await interrupted(['SIGTERM']);
    expect(r.code).toBe(143);
    expect(JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8')).summary.interrupted.signal).toBe('SIGTERM');
  }, 60_000);

  it('on a second signal, stops at once and leaves no half-written report behind', async () => {
    const r = await interrupted(['SIGINT', 'SIGINT']);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/stopped at once \(SIGINT again\); no report was written/);
    expect(existsSync(r.out) ? readdirSync(r.out) : []).toEqual([]);
  }, 60_000);
});
