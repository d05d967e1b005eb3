import { Box, Text } from 'ink';
import { formatClock } from '../../core/monitors.js';
import type { PlayRow } from '../../report/best-play.js';
import { fit } from '../format.js';
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

/** The best play beside the learner's, stepped through one moment at a time. */
export function BestPlay({ rows, step, height, width, bestName, hasNext, theme }: Props) {
  const col = Math.max(10, Math.floor((width - 10) / 2));
  const body = Math.max(1, height - 4);
  const from = Math.max(0, step - body + 1);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.color('cyan')}>
        The best play beside yours · step {Math.min(step + 1, rows.length)} of {rows.length}
      </Text>
      <Text bold>
        {fit('  time', 9)} {fit('you', col)} {fit(`best play (${bestName})`, col)}
      </Text>
      <Box flexDirection="column" height={body}>
        {rows.slice(from, step + 1).map((r, i) => (
          <Text key={from + i} wrap="truncate" inverse={from + i === step}>
            {formatClock(r.tMs).padStart(8)} {fit(r.you ?? '', col)} <Text color={theme.color('green')}>{fit(r.best ?? '', col)}</Text>
          </Text>
        ))}
      </Box>
      <Text dimColor>→ next step · ← back · d the debrief{hasNext ? ' · n next scenario' : ''} · q quit</Text>
    </Box>
  );
}
