/**
 * An operator command: a verb, positional arguments and `--name value` options. Team input,
 * playbook steps and journal lines all become this, and the same catalogue runs them.
 */
export interface Command {
  verb: string;
  args: string[];
  options: Record<string, string>;
}

/** Splits `rollback payment-api --to 2.14 --strategy recreate` into a command. */
export function parseCommand(text: string): Command | { error: string } {
  const words = tokenize(text.trim());
  if ('error' in words) return words;
  if (words.length === 0) return { error: 'empty command' };
  const [verb, ...rest] = words;
  const args: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      if (eq > 0) {
        options[w.slice(2, eq)] = w.slice(eq + 1);
      } else if (i + 1 < rest.length && !rest[i + 1]!.startsWith('--')) {
        options[w.slice(2)] = rest[++i]!;
      } else {
        options[w.slice(2)] = 'true';
      }
    } else {
      args.push(w);
    }
  }
  return { verb: verb!.toLowerCase(), args, options };
}

function tokenize(text: string): string[] | { error: string } {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) break;
    const quote = text[i] === '"' || text[i] === "'" ? text[i] : undefined;
    if (quote) {
      const end = text.indexOf(quote, i + 1);
      if (end < 0) return { error: `unclosed ${quote} in command` };
      out.push(text.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== ' ' && text[j] !== '\t') j++;
      out.push(text.slice(i, j));
      i = j;
    }
  }
  return out;
}

export function formatCommand(cmd: Command): string {
  const quote = (w: string): string => (w === '' || /[\s"']/.test(w) ? JSON.stringify(w) : w);
  const parts = [cmd.verb, ...cmd.args.map(quote)];
  for (const [k, v] of Object.entries(cmd.options)) parts.push(v === 'true' ? `--${k}` : `--${k} ${quote(v)}`);
  return parts.join(' ');
}
