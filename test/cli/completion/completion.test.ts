import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers.js';

const has = (shell: string): boolean => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const NO_FISH = has('fish') ? undefined : 'fish is not installed (.ci/run installs it)';
const NO_ZSH_TERMINAL = has('zsh') && spawnSync('tmux', ['-V']).status === 0 ? undefined : 'zsh or tmux is not installed (.ci/run installs them)';

async function script(shell: string): Promise<string> {
  const r = await cli('completion', shell);
  expect(r.code).toBe(0);
  const file = join(mkdtempSync(join(tmpdir(), 'firedrill-completion-')), `firedrill.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

describe('firedrill completion bash', () => {
  let file = '';
  beforeAll(async () => {
    file = await script('bash');
  });

  /** What bash offers for the last word of a command line, as it would on Tab. */
  const offered = (...words: string[]): string[] => {
    const body = `source '${file}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _firedrill; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['--norc', '-c', body], { encoding: 'utf8', cwd: tmpdir() }).split('\n').filter(Boolean);
  };

  it('completes commands, each command\'s options, and the values of an option', () => {
    expect(offered('firedrill', 'r')).toEqual(['run', 'replay']);
    expect(offered('firedrill', '--no-color', 'li')).toEqual(['list']);
    expect(offered('firedrill', 'run', '--pl')).toEqual(['--playbook']);
    expect(offered('firedrill', 'run', 'x', '--format', 'j')).toEqual(['json', 'junit']);
    expect(offered('firedrill', 'schema', '')).toEqual(['scenario', 'playbook', 'curriculum', 'config', 'expectations', 'metrics-map']);
    expect(offered('firedrill', 'completion', 'z')).toEqual(['zsh']);
    expect(offered('firedrill', 'help', 'sc')).toEqual(['scorecard', 'schema']);
  });

  it('completes the names of built-in scenarios and playbooks', () => {
    expect(offered('firedrill', 'run', 'payment-sch')).toEqual(['payment-schema-rollback']);
    expect(offered('firedrill', 'play', 'silent')).toEqual(['silent-provider-update']);
    expect(offered('firedrill', 'run', 'x', '--playbook', 'code-o')).toEqual(['code-only-rollback']);
    expect(offered('firedrill', 'run', 'x', '--playbook', 'ref')).toEqual(['reference']);
  });
});

describe.skipIf(NO_FISH)(`firedrill completion fish${NO_FISH ? ` (skipped: ${NO_FISH})` : ''}`, () => {
  it('completes commands with their summaries, options, and built-in names', async () => {
    const file = await script('fish');
    const offered = (line: string): string[] =>
      execFileSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8', cwd: tmpdir() })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]!);
    expect(offered('firedrill r')).toEqual(['replay', 'run']);
    expect(offered('firedrill run --pl')).toEqual(['--playbook']);
    expect(offered('firedrill run x --playbook code-o')).toEqual(['code-only-rollback']);
    expect(offered('firedrill run payment-sch')).toEqual(['payment-schema-rollback']);
    expect(offered('firedrill schema ')).toEqual(['config', 'curriculum', 'expectations', 'metrics-map', 'playbook', 'scenario']);
    const described = execFileSync('fish', ['--no-config', '-c', `source '${file}'; complete -C 'firedrill lis'`], { encoding: 'utf8' });
    expect(described).toBe('list\tlist the built-in scenarios: id, title, layers, source incident, tags\n');
  });
});

describe.skipIf(NO_ZSH_TERMINAL)(`firedrill completion zsh${NO_ZSH_TERMINAL ? ` (skipped: ${NO_ZSH_TERMINAL})` : ''}`, () => {
  it('completes commands, options and built-in names on Tab in a real zsh', async () => {
    const file = await script('zsh');
    const session = `firedrill-zsh-${process.pid}`;
    // A server of its own: a shared one stops when another test closes its last session.
    const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', session, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    const screen = async (pattern: RegExp): Promise<string> => {
      const end = Date.now() + 15_000;
      for (;;) {
        const shown = tmux('capture-pane', '-p', '-t', session);
        if (pattern.test(shown) || Date.now() > end) return shown;
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    const tab = async (line: string, pattern: RegExp): Promise<string> => {
      tmux('send-keys', '-t', session, 'C-u', 'clear', 'Enter');
      await screen(/^zsh> *$/m);
      tmux('send-keys', '-t', session, '-l', line);
      tmux('send-keys', '-t', session, 'Tab');
      return screen(pattern);
    };
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', `env -i HOME=${tmpdir()} TERM=xterm PATH=${process.env.PATH} PS1='zsh> ' zsh -f`);
    try {
      tmux('send-keys', '-t', session, `autoload -Uz compinit && compinit -u && source '${file}'`, 'Enter');
      expect(await tab('firedrill r', /replay +-- run a recorded drill/)).toMatch(/run +-- run scenarios against a rollback playbook/);
      expect(await tab('firedrill run --pl', /--playbook /)).toMatch(/^zsh> firedrill run --playbook *$/m);
      expect(await tab('firedrill run x --playbook code-o', /code-only-rollback/)).toMatch(/^zsh> firedrill run x --playbook code-only-rollback *$/m);
      expect(await tab('firedrill run payment-sch', /payment-schema-rollback/)).toMatch(/^zsh> firedrill run payment-schema-rollback *$/m);
      expect(await tab('firedrill schema ', /curriculum/)).toMatch(/config +curriculum +expectations +metrics-map +playbook +scenario/);
    } finally {
      spawnSync('tmux', ['-L', session, 'kill-server']);
    }
  }, 60_000);
});

describe('firedrill completion', () => {
  it('names the shells it knows when given another, exit 2', async () => {
    const r = await cli('completion', 'powershell');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^firedrill: name the shell: bash, zsh, fish\nUsage: firedrill completion bash\|zsh\|fish\n$/);
  });
});
