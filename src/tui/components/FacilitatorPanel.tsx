import { Box, Text } from 'ink';
import { formatClock } from '../../core/monitors.js';
import type { FacilitatorView } from '../../drill/facilitator-view.js';
import type { Theme } from '../theme.js';

interface Props {
  view: FacilitatorView;
  height: number;
  width: number;
  theme: Theme;
}

/** The hidden truth, for the facilitator's eyes only: causes, injects, hints, the best play. */
export function FacilitatorPanel({ view, height, width, theme }: Props) {
  const lines: { text: string; color?: string }[] = [];
  lines.push({ text: view.causes.length === 0 ? 'causes now: none (no harmful rule matches a live stack)' : 'causes now:' });
  for (const c of view.causes) lines.push({ text: `  ${c.rule}: ${c.explain} [${c.where.join(', ')}]`, color: 'yellow' });
  lines.push({ text: `injects (Esc then i): ${view.injects.length === 0 ? 'none' : ''}` });
  for (const i of view.injects) lines.push({ text: `  ${i.firedAtMs === null ? '·' : '✓'} ${i.id}: ${i.description}` });
  const next = view.hints.find((h) => h.revealedAtMs === null);
  lines.push({ text: `hints: ${view.hints.filter((h) => h.revealedAtMs !== null).length} of ${view.hints.length} revealed${next ? ` · next: ${next.text}` : ''}` });
  lines.push({ text: `best play: ${view.reference.join(' · ')}`, color: 'green' });
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.color('magenta')} wrap="truncate">
        facilitator only · drill {formatClock(view.nowMs)}
      </Text>
      {lines.slice(0, Math.max(0, height - 1)).map((l, i) => (
        <Text key={i} wrap="truncate" color={theme.color(l.color ?? '')}>
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
