/** Text building blocks the panels share: sparklines, bars, metric values, durations. */

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of the last `width` values scaled to [0, top]; blank where nothing was measured. */
export function sparkline(values: readonly number[], width: number, top: number): string {
  const from = Math.max(0, values.length - width);
  let out = '';
  for (let i = from; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) out += ' ';
    else out += BARS[Math.max(0, Math.min(BARS.length - 1, Math.round((v / (top || 1)) * (BARS.length - 1))))];
  }
  return out.padStart(width, ' ');
}

/** A bar `width` wide filled to `share` (0..1). */
export function bar(share: number, width: number): string {
  const filled = Math.max(0, Math.min(width, Math.round(share * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** Values are written by their unit the same way on the screen as in `inspect`. */
export { formatMetric } from '../core/metric-format.js';

/** Fits text to exactly `width` columns: cut with an ellipsis, or padded. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text.padEnd(width);
  return `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Breaks text at spaces into lines at most `width` wide; lines after the first start with
 * `indent`. A word longer than a line is cut at the width; the text's own leading spaces are
 * never a place to break (that would leave an empty line).
 */
export function wrapText(text: string, width: number, indent: string): string[] {
  if (text.length <= width || width - indent.length < 10) return [text];
  const out: string[] = [];
  let rest = text;
  let lead = '';
  while (lead.length + rest.length > width) {
    const room = width - lead.length;
    const own = rest.length - rest.trimStart().length;
    let cut = rest.lastIndexOf(' ', room);
    if (cut <= own) cut = room;
    out.push(lead + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
    lead = indent;
  }
  if (rest !== '') out.push(lead + rest);
  return out;
}
