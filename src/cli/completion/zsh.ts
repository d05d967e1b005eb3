import type { CommandSpec, CompletionSpec, WordKind } from './spec.js';

/** Text inside a single-quoted zsh word, and inside an `_arguments` description in brackets. */
const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
const bracketed = (s: string): string => s.replace(/[[\]:\\]/g, (c) => `\\${c}`);

/** An `_arguments` action that completes a word of this kind. */
function action(kind: WordKind): string {
  switch (kind.kind) {
    case 'scenario':
      return '_firedrill_scenario';
    case 'playbook':
      return '_firedrill_playbook';
    case 'file':
      return '_files';
    case 'one-of':
      return `(${kind.words.join(' ')})`;
    case 'free':
      return ' ';
  }
}

function argumentsOf(c: CommandSpec): string[] {
  const specs = c.options.map((o) => {
    const described = `${o.flag}[${bracketed(o.description)}]`;
    return o.value ? `${described}:${o.flag.slice(2)}:${action(o.value)}` : described;
  });
  if (c.operands.kind !== 'free') specs.push(`*:${c.operands.kind === 'one-of' ? 'word' : c.operands.kind}:${action(c.operands)}`);
  return specs.map(quote);
}

/**
 * A zsh completion function, with each command's and option's description. The names are
 * written into the script when it is printed; print it again after an upgrade.
 */
export function zshScript(spec: CompletionSpec): string {
  const lines = [
    '#compdef firedrill',
    '# firedrill completion for zsh. Load it now with: source <(firedrill completion zsh)',
    '# or keep it: firedrill completion zsh > "${fpath[1]}/_firedrill" (then start a new shell)',
    `_firedrill_scenario() { _alternative 'scenarios:built-in scenario:(${spec.scenarios.join(' ')})' 'files:file:_files' }`,
    `_firedrill_playbook() { _alternative 'playbooks:built-in playbook:(${spec.playbooks.join(' ')})' 'files:file:_files' }`,
    '_firedrill() {',
    '  local -a commands',
    `  commands=(${spec.commands.map((c) => quote(`${c.name}:${c.summary.replaceAll(':', '\\:')}`)).join(' ')})`,
    '  local i=2',
    '  while (( i < CURRENT )) && [[ ${words[i]} == -* ]]; do (( i++ )); done',
    '  if (( i >= CURRENT )); then',
    "    if [[ ${words[CURRENT]} == -* ]]; then compadd -- --help --version --no-color; else _describe -t commands 'firedrill command' commands; fi",
    '    return',
    '  fi',
    '  local cmd=${words[i]}',
    '  words=("${(@)words[i,-1]}")',
    '  (( CURRENT -= i - 1 ))',
    '  case $cmd in',
  ];
  for (const c of spec.commands) lines.push(`    ${c.name}) _arguments -s ${argumentsOf(c).join(' ')} ;;`);
  lines.push('  esac', '}', 'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _firedrill "$@"; else compdef _firedrill firedrill; fi', '');
  return lines.join('\n');
}
