import { Box, Text } from 'ink';
import { formatClock } from '../../core/monitors.js';
import type { FacilitatorView } from '../../drill/facilitator-view.js';
import { wrapText } from '../format.js';
import type { Theme } from '../theme.js';

interface Props {
  view: FacilitatorView;
  height: number;
  width: number;
  theme: Theme;
  /** The keys that fire an inject on this screen. */
  injectKeys?: string;
  /** One line per hint and per step of the best play (a screen of its own), rather than one line each. */
  expanded?: boolean;
}

interface Line {
  text: string;
  color?: string;
  bold?: boolean;
}

/**
 * The panel's lines, most telling first. Shared with the team's screen: one line each for the
 * causes, injects, hints and best play. On a screen of its own: the causes, the best play,
 * every hint, then the injects (also listed when one is picked), so a short terminal cuts
 * what is least needed.
 */
export function facilitatorLines(view: FacilitatorView, injectKeys: string, expanded: boolean): Line[] {
  const causes: Line[] = [{ text: view.causes.length === 0 ? 'causes now: none (no harmful rule matches a live stack)' : 'causes now:', bold: expanded }];
  for (const c of view.causes) causes.push({ text: `  ${c.rule}: ${c.explain} [${c.where.join(', ')}]`, color: 'yellow' });
  if (view.overload) causes.push({ text: `  ${view.overload}`, color: 'yellow' });
  const injects: Line[] = [{ text: `injects (${injectKeys}): ${view.injects.length === 0 ? 'none' : ''}`, bold: expanded }];
  for (const i of view.injects) injects.push({ text: `  ${i.firedAtMs === null ? '·' : `✓ fired ${formatClock(i.firedAtMs)}`} ${i.id}: ${i.description}` });
  const revealed = view.hints.filter((h) => h.revealedAtMs !== null).length;
  const next = view.hints.find((h) => h.revealedAtMs === null);
  if (!expanded) {
    return [
      ...causes,
      ...injects,
      { text: `hints: ${revealed} of ${view.hints.length} revealed${next ? ` · next: ${next.text}` : ''}` },
      { text: `best play: ${view.reference.join(' · ')}`, color: 'green' },
    ];
  }
  const best: Line[] = [{ text: 'best play (the reference playbook on this seed):', bold: true }, ...view.reference.map((step) => ({ text: `  ${step}`, color: 'green' }))];
  const hints: Line[] = [{ text: `hints: ${revealed} of ${view.hints.length} revealed`, bold: true }];
  for (const h of view.hints) {
    const mark = h.revealedAtMs !== null ? `✓ ${formatClock(h.revealedAtMs)}` : h === next ? '› next' : '·';
    hints.push({ text: `  ${mark} ${h.index + 1}. ${h.text}`, ...(h === next ? { color: 'cyan' } : {}) });
  }
  return [...causes, ...best, ...hints, ...injects];
}

/** The hidden truth, for the facilitator's eyes only: causes, injects, hints, the best play. */
export function FacilitatorPanel({ view, height, width, theme, injectKeys = 'Esc then i', expanded = false }: Props) {
  const all = facilitatorLines(view, injectKeys, expanded);
  // On a screen of its own there is room to read every word; shared, one line each.
  const lines = expanded ? all.flatMap((l) => wrapText(l.text, width - 1, `${' '.repeat(l.text.length - l.text.trimStart().length)}    `).map((text) => ({ ...l, text }))) : all;
  const room = Math.max(0, height - 1);
  const shown = lines.length <= room ? lines : [...lines.slice(0, Math.max(0, room - 1)), { text: `… ${lines.length - room + 1} more lines: a taller terminal shows them`, color: '' }];
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.color('magenta')} wrap="truncate">
        facilitator only · drill {formatClock(view.nowMs)}
      </Text>
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate" bold={l.bold ?? false} color={theme.color(l.color ?? '')}>
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
