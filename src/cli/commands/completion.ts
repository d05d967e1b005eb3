import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { completionSpec, SHELLS, type Shell } from '../completion/spec.js';
import { zshScript } from '../completion/zsh.js';
import { UsageError, type Io } from '../io.js';
import type { CommandDef } from './command.js';

const SCRIPTS: Record<Shell, (spec: Awaited<ReturnType<typeof completionSpec>>) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

export const completionCommand: CommandDef = {
  name: 'completion',
  usage: 'firedrill completion bash|zsh|fish',
  summary: 'print a shell completion script: bash, zsh or fish',
  help: [
    'Prints a script that completes firedrill\'s commands, their options, and the names of the',
    'built-in scenarios and playbooks (files too, wherever a file will do). The names are written',
    'into the script, so completing never starts firedrill: print it again after an upgrade.',
    '',
    'Try it in this shell:',
    '  bash  source <(firedrill completion bash)',
    '  zsh   source <(firedrill completion zsh)',
    '  fish  firedrill completion fish | source',
    '',
    'Keep it for every new shell:',
    '  bash  firedrill completion bash > ~/.local/share/bash-completion/completions/firedrill',
    '  zsh   firedrill completion zsh > "${fpath[1]}/_firedrill"',
    '  fish  firedrill completion fish > ~/.config/fish/completions/firedrill.fish',
  ].join('\n'),
  options: {},
  async run({ positionals }, io: Io) {
    const shell = positionals[0];
    if (positionals.length !== 1 || !SHELLS.includes(shell as Shell)) throw new UsageError(`name the shell: ${SHELLS.join(', ')}`, 'completion');
    io.out(SCRIPTS[shell as Shell](await completionSpec()));
    return 0;
  },
};
