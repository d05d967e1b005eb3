import { Box, Text } from 'ink';
import type { LogEntry, LogKind } from '../../core/log.js';
import { formatClock } from '../../core/monitors.js';
import type { Theme } from '../theme.js';

/**
 * What an on-call engineer could see of the log: not the hidden cause of a fault, not the
 * scorer's notes (which name rules). The team's own `note` commands show as actions.
 */
export const TEAM_KINDS: ReadonlySet<LogKind> = new Set<LogKind>([
  'alert',
  'resolve',
  'detect',
  'mitigate',
  'recover',
  'action',
  'action-done',
  'action-failed',
  'pods',
  'agent',
  'data',
  'escalation',
]);

const KIND_COLOR: Partial<Record<LogKind, string>> = {
  alert: 'red',
  'action-failed': 'red',
  recover: 'green',
  mitigate: 'green',
  resolve: 'green',
  action: 'cyan',
  'action-done': 'cyan',
  fault: 'magenta',
  inject: 'magenta',
  unstable: 'yellow',
};

interface Props {
  entries: readonly LogEntry[];
  height: number;
  theme: Theme;
}

/** The last lines of the drill's log, in a pane of fixed height so the frame never grows. */
export function EventLog({ entries, height, theme }: Props) {
  const shown = entries.slice(Math.max(0, entries.length - height));
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((e, i) => (
        <Text key={i} wrap="truncate" color={theme.color(KIND_COLOR[e.kind] ?? '')}>
          {formatClock(e.tMs).padStart(7)} {e.text}
        </Text>
      ))}
    </Box>
  );
}
