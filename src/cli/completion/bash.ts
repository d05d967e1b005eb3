import type { CompletionSpec, WordKind } from './spec.js';

const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** The shell lines that offer a word of this kind for the word being typed, `$cur`. */
function offer(kind: WordKind): string {
  switch (kind.kind) {
    case 'scenario':
      return 'COMPREPLY=($(compgen -W "$scenarios" -- "$cur") $(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null';
    case 'playbook':
      return 'COMPREPLY=($(compgen -W "$playbooks" -- "$cur") $(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null';
    case 'file':
      return 'COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null';
    case 'one-of':
      return `COMPREPLY=($(compgen -W ${quote(kind.words.join(' '))} -- "$cur"))`;
    case 'free':
      return 'COMPREPLY=()';
  }
}

/**
 * A bash completion function. The names are written into the script when it is printed, so
 * completing costs no start of firedrill; print it again after an upgrade.
 */
export function bashScript(spec: CompletionSpec): string {
  const names = spec.commands.map((c) => c.name).join(' ');
  const valueCases = new Map<string, string>();
  for (const c of spec.commands) for (const o of c.options) if (o.value) valueCases.set(o.flag, offer(o.value));
  const lines = [
    '# firedrill completion for bash. Load it now with: source <(firedrill completion bash)',
    '# or keep it: firedrill completion bash > ~/.local/share/bash-completion/completions/firedrill',
    '_firedrill() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="" i',
    `  local scenarios=${quote(spec.scenarios.join(' '))}`,
    `  local playbooks=${quote(spec.playbooks.join(' '))}`,
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case "${COMP_WORDS[i]}" in -*) ;; *) cmd="${COMP_WORDS[i]}"; break ;; esac',
    '  done',
    '  if [[ -z "$cmd" ]]; then',
    `    COMPREPLY=($(compgen -W ${quote(`${names} --help --version --no-color`)} -- "$cur"))`,
    '    return',
    '  fi',
    '  case "$prev" in',
    ...[...valueCases].map(([flag, line]) => `    ${flag}) ${line}; return ;;`),
    '  esac',
    '  case "$cmd" in',
  ];
  for (const c of spec.commands) {
    lines.push(`    ${c.name})`);
    lines.push(`      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W ${quote(c.options.map((o) => o.flag).join(' '))} -- "$cur")); return; fi`);
    lines.push(`      ${offer(c.operands)} ;;`);
  }
  lines.push('  esac', '}', 'complete -F _firedrill firedrill', '');
  return lines.join('\n');
}
