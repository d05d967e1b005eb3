import type { CompletionSpec, WordKind } from './spec.js';

const quote = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The `complete` flags that offer a word of this kind. */
function offer(kind: WordKind): string {
  switch (kind.kind) {
    case 'scenario':
      return '-F -a "$__firedrill_scenarios"';
    case 'playbook':
      return '-F -a "$__firedrill_playbooks"';
    case 'file':
      return '-F';
    case 'one-of':
      return `-a ${quote(kind.words.join(' '))}`;
    case 'free':
      return '';
  }
}

/**
 * fish completions, with each command's and option's description. The names are written into
 * the script when it is printed; print it again after an upgrade.
 */
export function fishScript(spec: CompletionSpec): string {
  const names = spec.commands.map((c) => c.name).join(' ');
  const lines = [
    '# firedrill completion for fish. Load it now with: firedrill completion fish | source',
    '# or keep it: firedrill completion fish > ~/.config/fish/completions/firedrill.fish',
    'complete -c firedrill -f',
    `set -g __firedrill_scenarios ${quote(spec.scenarios.join(' '))}`,
    `set -g __firedrill_playbooks ${quote(spec.playbooks.join(' '))}`,
    `complete -c firedrill -n "not __fish_seen_subcommand_from ${names}" -l help -d 'show the commands'`,
    `complete -c firedrill -n "not __fish_seen_subcommand_from ${names}" -l version -d 'print the version'`,
    `complete -c firedrill -n "not __fish_seen_subcommand_from ${names}" -l no-color -d 'no colour in the output'`,
  ];
  for (const c of spec.commands) {
    lines.push(`complete -c firedrill -n "not __fish_seen_subcommand_from ${names}" -a ${c.name} -d ${quote(c.summary)}`);
    const when = `-n "__fish_seen_subcommand_from ${c.name}"`;
    for (const o of c.options) {
      const value = o.value ? ` -r ${offer(o.value)}` : '';
      lines.push(`complete -c firedrill ${when} -l ${o.flag.slice(2)}${value} -d ${quote(o.description)}`.replace(/ +/g, ' '));
    }
    if (c.operands.kind !== 'free') lines.push(`complete -c firedrill ${when} ${offer(c.operands)}`);
  }
  return `${lines.join('\n')}\n`;
}
