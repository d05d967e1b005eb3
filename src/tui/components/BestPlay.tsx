import { Box, Text } from 'ink';
import { formatClock } from '../../core/monitors.js';
import type { PlayRow } from '../../report/best-play.js';
import type { Theme } from '../theme.js';

interface Props {
  rows: readonly PlayRow[];
  /** Rows up to and including this one are shown: the step reached. */
  step: number;
  height: number;
  width: number;
  bestName: string;
  hasNext: boolean;
  theme: Theme;
}

/** One moment as lines: the time, then what you did and what the best play did, each on its own line. */
function momentLines(r: PlayRow): { text: string; best: boolean }[] {
  const time = formatClock(r.tMs).padStart(7);
  const out: { text: string; best: boolean }[] = [];
  if (r.you !== undefined) out.push({ text: `${time}  you   ${r.you}`, best: false });
  if (r.best !== undefined) out.push({ text: `${out.length === 0 ? time : ' '.repeat(7)}  best  ${r.best}`, best: true });
  return out;
}

/** The best play beside the learner's, stepped through one moment at a time. */
export function BestPlay({ rows, step, height, width, bestName, hasNext, theme }: Props) {
  const body = Math.max(2, height - 3);
  const lines = rows.slice(0, step + 1).flatMap((r, i) => momentLines(r).map((l) => ({ ...l, current: i === step })));
  const shown = lines.slice(Math.max(0, lines.length - body));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.color('cyan')} wrap="truncate">
        Your drill beside the best play ({bestName}) · moment {Math.min(step + 1, rows.length)} of {rows.length}
      </Text>
      <Box flexDirection="column" height={body}>
        {shown.map((l, i) => (
          <Text key={i} wrap="truncate" bold={l.current} color={theme.color(l.best ? 'green' : '')}>
            {l.text}
          </Text>
        ))}
      </Box>
      <Text> </Text>
      <Text dimColor wrap="truncate">
        → next moment · ← back · d the debrief{hasNext ? ' · n next scenario' : ''} · q quit
      </Text>
    </Box>
  );
}
