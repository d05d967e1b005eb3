import { Box, Text } from 'ink';
import { commandRows, isCopyLine } from '../command-rows.js';
import { wrapText } from '../format.js';
import type { Theme } from '../theme.js';

interface Props {
  title: string;
  lines: readonly string[];
  /** First line shown. */
  offset: number;
  height: number;
  width: number;
  footer: string;
  theme: Theme;
}

/** Lines longer than the screen is tall, shown a screenful at a time. */
export function Pager({ title, lines, offset, height, width, footer, theme }: Props) {
  const body = Math.max(1, height - 3);
  const shown = lines.slice(offset, offset + body);
  // Lines are wrapped by the caller (wrapLines) so that scrolling counts what is on screen.
  const more = lines.length > body ? ` (${offset + 1}-${Math.min(lines.length, offset + body)} of ${lines.length})` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.color('cyan')}>
        {title}
        <Text dimColor>{more}</Text>
      </Text>
      <Box flexDirection="column" height={body}>
        {shown.map((line, i) => (
          <Text key={offset + i} wrap="truncate" color={theme.color(/^FAIL|^  -\d/.test(line) ? 'red' : /^PASS/.test(line) ? 'green' : '')}>
            {line === '' ? ' ' : line}
          </Text>
        ))}
      </Box>
      <Text> </Text>
      <Text dimColor>{footer}</Text>
    </Box>
  );
}

/**
 * Wraps lines to the screen's width, so a long reason or path is read whole, not cut; a command
 * to copy is broken only where a shell reads it the same (see commandRows).
 */
export function wrapLines(lines: readonly string[], width: number): string[] {
  return lines.flatMap((l) => (isCopyLine(l) ? commandRows(l, width - 1) : wrapText(l, width - 1, `${' '.repeat(Math.min(8, l.length - l.trimStart().length))}  `)));
}

/** The offset after a paging key, kept within the lines. */
export function scrolled(offset: number, key: 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end', total: number, height: number): number {
  const body = Math.max(1, height - 3);
  const max = Math.max(0, total - body);
  const next = { up: offset - 1, down: offset + 1, pageUp: offset - body, pageDown: offset + body, home: 0, end: max }[key];
  return Math.max(0, Math.min(max, next));
}
