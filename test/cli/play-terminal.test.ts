import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chainJournal, parsedLines } from '../chained-journal.js';
import { BIN, ROOT } from '../helpers.js';
import { NO_TMUX, Terminal } from './terminal.js';

const terminals: Terminal[] = [];
afterEach(() => {
  for (const t of terminals.splice(0)) t.kill();
});

function firedrill(...args: string[]) {
  return spawnSync('node', [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** Opens the first incident at 30x, starts the clock, and types the reference fix once the alert fires. */
async function fixFirstIncident(seed: number, env: Record<string, string> = {}): Promise<{ t: Terminal; journal: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-play-'));
  const journal = join(dir, 'drill.jsonl');
  const t = new Terminal(['play', 'payment-schema-rollback', '--seed', String(seed), '--speed', '30', '--journal', journal], dir, undefined, env);
  terminals.push(t);
  await t.waitFor(/Press Enter to start the clock/);
  t.keys('Enter');
  await t.waitFor(/ALERT payment-errors/);
  t.type('rollback-release --max-unavailable 25%');
  t.keys('Enter');
  return { t, journal };
}

describe.skipIf(NO_TMUX)(`firedrill play in a terminal${NO_TMUX ? ` (skipped: ${NO_TMUX})` : ''}`, () => {
  it('recovers the first incident with the reference fix, reaches the debrief with PASS, and its journal verifies', async () => {
    const { t, journal } = await fixFirstIncident(1);
    const debrief = await t.waitFor(/Debrief[\s\S]*(PASS|FAIL) [✓✗][\s\S]*best play:/, 60_000);
    expect(debrief).toMatch(/PASS ✓ {2}recovered \d:\d\d after detection/);
    await t.pressUntil('q', () => t.exited);
    expect(await t.exitCode()).toBe(0);
    const text = readFileSync(journal, 'utf8');
    // Each line holds the digest of the line before it, the end line that of the whole journal.
    expect(text).toBe(chainJournal(parsedLines(text)));
    expect(text).toMatch(/"journal":"sha256:[0-9a-f]{64}"\}\n$/);
    // What stays on the terminal: each path, and the command that replays the drill, whole on a line of its own.
    const left = t.screen();
    expect(left).toContain(`\n  ${journal}\n`);
    expect(left).toContain(`Replay it, checking it comes to the same result:\n  firedrill replay ${journal} --verify\n`);
    const verify = firedrill('replay', journal, '--verify');
    expect(verify.stderr).toContain('the replay matches the recorded drill');
    expect(verify.status).toBe(0);
  }, 120_000);

  it('draws live where CI is set, as on a build machine a person has logged in to', async () => {
    const { t } = await fixFirstIncident(3, { CI: 'true', CONTINUOUS_INTEGRATION: '1' });
    await t.waitFor(/\(started\)/);
  }, 120_000);

  it('colours the screen by the rule of every command: FORCE_COLOR over NO_COLOR, --no-color over both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-play-'));
    const open = async (args: string[], env: Record<string, string>) => {
      const t = new Terminal([...args, 'play', 'payment-schema-rollback', '--journal', join(dir, `${terminals.length}.jsonl`)], dir, undefined, env);
      terminals.push(t);
      await t.waitFor(/Press Enter to start the clock/);
      return t.screen(true);
    };
    // A foreground colour code (SGR 30-37 or 90-97) anywhere on the briefing screen.
    const colour = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7])(?:;[0-9;]*)?m/;
    expect(await open([], { NO_COLOR: '1', FORCE_COLOR: '1' })).toMatch(colour);
    expect(await open(['--no-color'], { FORCE_COLOR: '1' })).not.toMatch(colour);
  }, 120_000);

  it('leaves a journal after a kill that replays its commands and runs the drill on to its end', async () => {
    const { t, journal } = await fixFirstIncident(2);
    await t.waitFor(/\(started\)/);
    t.kill();
    expect(readFileSync(journal, 'utf8')).toContain('rollback-release');
    const again = firedrill('replay', journal, '--json');
    expect(again.stderr).toMatch(/interrupted|cut short/);
    expect(again.stderr).not.toMatch(/changed after it was written|carries no digest chain/);
    const report = JSON.parse(again.stdout) as { verdict: string; actions: { command: string }[] };
    expect(report.actions.map((a) => a.command)).toEqual(['rollback-release --max-unavailable 25%']);
    expect(report.verdict).toBe('PASS');
  }, 120_000);
});
