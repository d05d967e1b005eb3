/** One word of a command line and where it stands in the line. */
export interface Word {
  text: string;
  /** Index of its first character in the line (its opening quote, if quoted). */
  start: number;
  /** Index just past its last character (its closing quote, if any). */
  end: number;
  quoted: boolean;
}

/**
 * Splits a line at blanks; `"..."` or `'...'` make one word of what they hold. Lenient mode (for
 * completion, while a quote is still being typed) takes an unclosed quote to the end of the line.
 */
export function splitWords(line: string, lenient = false): Word[] | { error: string } {
  const out: Word[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    const quote = line[i] === '"' || line[i] === "'" ? line[i] : undefined;
    if (quote) {
      const end = line.indexOf(quote, i + 1);
      if (end < 0 && !lenient) return { error: `unclosed ${quote} in command` };
      const stop = end < 0 ? line.length : end;
      out.push({ text: line.slice(i + 1, stop), start: i, end: Math.min(stop + 1, line.length), quoted: true });
      i = stop + 1;
    } else {
      let j = i;
      while (j < line.length && line[j] !== ' ' && line[j] !== '\t') j++;
      out.push({ text: line.slice(i, j), start: i, end: j, quoted: false });
      i = j;
    }
  }
  return out;
}

/** `--name` or `--name=value`, unless quoted: a quoted word is always taken literally. */
export function isOptionWord(w: Word): boolean {
  return !w.quoted && w.text.startsWith('--') && w.text.length > 2;
}
