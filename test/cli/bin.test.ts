import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers.js';

const firedrill = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('the installed command', () => {
  it('runs a drill from a fresh process and exits with the verdict', () => {
    const pass = firedrill('run', 'shared-timeout-budget', '--playbook', 'tts-pointer-rollback', '--json');
    expect(pass.status).toBe(0);
    expect(JSON.parse(pass.stdout).verdict).toBe('PASS');
    const again = firedrill('run', 'shared-timeout-budget', '--playbook', 'tts-pointer-rollback', '--json');
    expect(again.stdout).toBe(pass.stdout);
    const fail = firedrill('run', 'shared-timeout-budget', '--playbook', 'fallback-on-errors');
    expect(fail.status).toBe(1);
    expect(fail.stdout).not.toMatch(/\u001b\[/);
  }, 30_000);
});
