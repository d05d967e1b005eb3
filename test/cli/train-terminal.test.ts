import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers.js';
import { NO_TMUX, Terminal } from './terminal.js';

const terminals: Terminal[] = [];
afterEach(() => {
  for (const t of terminals.splice(0)) t.kill();
});

describe.skipIf(NO_TMUX)(`firedrill train in a terminal${NO_TMUX ? ` (skipped: ${NO_TMUX})` : ''}`, () => {
  it('trains on the first scenario: a hint unlocks and is revealed, the coach speaks, the fix recovers, the best play shows, progress is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-train-'));
    const progress = join(dir, 'progress.json');
    const t = new Terminal(['train', '--progress', progress, '--speed', '60'], dir, { columns: 120, rows: 36 });
    terminals.push(t);
    await t.waitFor(/prompt-template-regression[\s\S]*Press Enter to start the clock/);
    t.keys('Enter');
    await t.waitFor(/coach \d+:\d\d: Something changed/, 60_000);
    await t.waitFor(/hint 1 is ready: type hint to see it/, 60_000);
    t.type('hint');
    t.keys('Enter');
    await t.waitFor(/hint 1 of \d: /);
    t.type('rollback prompt-template');
    t.keys('Enter');
    const debrief = await t.waitFor(/Debrief[\s\S]*(PASS|FAIL) [✓✗][\s\S]*best play:/, 60_000);
    expect(debrief).toMatch(/PASS ✓/);
    expect(debrief).toMatch(/best play: flip-prompt-pointer on the same seed/);
    await t.pressUntil('b', /Your drill beside the best play \(flip-prompt-pointer\) · moment 1 of/);
    for (let i = 0; i < 8; i++) {
      t.keys('Right');
      await new Promise((r) => setTimeout(r, 100));
    }
    const best = await t.waitFor(/moment [2-9] of/);
    expect(best).toMatch(/ best +\S/);
    expect(best).toMatch(/ you +rollback prompt-template/);
    t.keys('q');
    expect(await t.exitCode()).toBe(0);
    const saved = JSON.parse(readFileSync(progress, 'utf8')) as { scenarios: Record<string, { attempts: number; best: { verdict: string; hintsUsed: number } }> };
    expect(saved.scenarios['prompt-template-regression']).toMatchObject({ attempts: 1, best: { verdict: 'PASS', hintsUsed: 1 } });
    const list = spawnSync('node', [BIN, 'train', '--list', '--progress', progress], { cwd: ROOT, encoding: 'utf8' });
    expect(list.stdout).toMatch(/prompt-template-regression[\s\S]*best \d+\/100 PASS/);
  }, 150_000);
});
