import { stripVTControlCharacters } from 'node:util';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type { Io } from './io.js';

/** Narrower than this, a hanging indent leaves too little room: continuation lines start at the margin's indent. */
const MIN_TEXT_COLUMNS = 24;

/**
 * Where the continuation of a line starts: under its text, past the leading spaces and a
 * bullet (`  - why`) or a label (`source: `), or under the last column of a table row
 * (`id  title`, `--seed N  what it does`, `0:42  detected  text`), as long as that leaves room.
 */
export function hangingIndent(plain: string, columns: number): number {
  const lead = plain.length - plain.trimStart().length;
  // A bullet (`- why`), or a one-word label (`Usage: `, `source: `): the text starts after it.
  const marker = /^[-*•] /.exec(plain.slice(lead)) ?? /^[A-Za-z][\w-]*: (?=\S)/.exec(plain.slice(lead));
  const base = marker ? lead + marker[0].length : lead;
  let indent = base;
  for (const gap of plain.slice(base).matchAll(/\S( {2,})(?=\S)/g)) {
    const at = base + gap.index + 1 + gap[1]!.length;
    if (columns - stringWidth(plain.slice(0, at)) >= MIN_TEXT_COLUMNS) indent = at;
  }
  return columns - stringWidth(plain.slice(0, indent)) >= MIN_TEXT_COLUMNS ? indent : Math.min(lead, Math.max(0, columns - MIN_TEXT_COLUMNS));
}

/**
 * A line that is a command to copy and paste, perhaps after a short label (`replay: `, `bash  `),
 * with no sentence after it: broken over two lines, pasting it would run its first half. A
 * usage line is not one: it has placeholders to fill in.
 */
const COMMAND = /^\s*(?!Usage:)(?:[^:]{1,30}:\s+|\S+\s{2,})?firedrill [a-z](?!.*[.;,] )(?!.*\.$)/;

/** One line, wrapped at word boundaries to the width, each continuation under the line's text. */
function fitLine(line: string, columns: number): string {
  if (stringWidth(line) <= columns || COMMAND.test(line)) return line;
  const plain = stripVTControlCharacters(line);
  const indent = hangingIndent(plain, columns);
  const margin = stringWidth(plain.slice(0, indent));
  const head = sliceAnsi(line, 0, margin);
  const body = wrapAnsi(sliceAnsi(line, margin), columns - margin, { hard: false, trim: true }).split('\n');
  return [head + body[0], ...body.slice(1).map((l) => ' '.repeat(margin) + l)].join('\n');
}

/**
 * Text for a person at a terminal, fitted to its width: long lines wrap at word boundaries with
 * a hanging indent, instead of the terminal breaking them mid-word at the margin. A word longer
 * than the line (a long path) and a line that shows a command are left whole, to be copied as
 * they are. Without a width (not a
 * terminal), the text is left as it is, one record per line for grep and diff.
 */
export function fitWidth(text: string, columns: number | undefined): string {
  if (columns === undefined || columns <= 0) return text;
  return text
    .split('\n')
    .map((line) => fitLine(line, columns))
    .join('\n');
}

/** Prints text meant for people on stdout, fitted to the terminal's width when it is one. */
export function outText(io: Io, text: string): void {
  io.out(fitWidth(text, io.columns));
}
