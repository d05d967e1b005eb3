const MIN_WIDTH = 20;

/** Whether a line of text is one to copy: a command (`firedrill ...`) or a path on its own, perhaps indented. */
export function isCopyLine(line: string): boolean {
  return /^\s*firedrill [a-z]/.test(line) || /^\s+[^\s]*\/[^\s]*$/.test(line);
}

/**
 * A command (or a path) a person copies from the screen, fitted to its width without changing
 * what a shell reads from it. Whole on one row where it fits. Otherwise broken between its words with a
 * ` \` line continuation, each further row indented under the command; a word longer than a row
 * (a long path) is broken with a bare `\` at the row's end and its rest at the margin, which a
 * shell joins back into the one word. A quoted word is never broken inside (a quote keeps the
 * backslash), so a row may then stay too long: cut by the screen, but never made wrong.
 */
export function commandRows(line: string, width: number): string[] {
  // Too narrow to hold a word and its continuation: the screen cuts the row instead.
  if (line.length <= width || width < MIN_WIDTH) return [line];
  const indent = line.length - line.trimStart().length;
  const next = ' '.repeat(indent + 4);
  const words = line.trim().match(/(?:'[^']*'|\\.|[^\s'\\])+/g) ?? [];
  const rows: string[] = [];
  let row = ' '.repeat(indent) + words[0]!;
  if (words.length === 1 && row.length > width && !/['\\]/.test(words[0]!)) row = breakWord(rows, row, width);
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const room = i === words.length - 1 ? width : width - 2;
    if (row.length + 1 + word.length <= room) {
      row += ` ${word}`;
      continue;
    }
    rows.push(`${row} \\`);
    row = next + word;
    if (row.length > room && !/['\\]/.test(word)) row = breakWord(rows, row, room);
  }
  rows.push(row);
  return rows;
}

/** Breaks a row that ends in one long word: full rows ending in `\`, the rest returned to go on. */
function breakWord(rows: string[], row: string, room: number): string {
  let rest = row;
  while (rest.length > room) {
    rows.push(`${rest.slice(0, room - 1)}\\`);
    rest = rest.slice(room - 1);
  }
  return rest;
}
