import { Box, Text } from 'ink';
import { TIMELINE_KINDS, type LogEntry, type LogKind } from '../../core/log.js';
import { formatClock } from '../../core/monitors.js';
import type { Theme } from '../theme.js';

/**
 * Lines that would tell the team the cause (a fault's rule, an unstable state) or the score
 * (impact). A change the release system announced is not among them: the team sees it as
 * anyone watching the deploy log would, whether or not it is what went wrong.
 */
const HIDDEN: ReadonlySet<LogKind> = new Set<LogKind>(['fault', 'inject', 'impact', 'unstable', 'stable']);

/**
 * What an on-call engineer could see of the log: the timeline's kinds without the hidden ones,
 * and alerts resolving. The team's own `note` commands show as actions.
 */
export const TEAM_KINDS: ReadonlySet<LogKind> = new Set<LogKind>([...[...TIMELINE_KINDS].filter((k) => !HIDDEN.has(k)), 'resolve']);

const KIND_COLOR: Partial<Record<LogKind, string>> = {
  alert: 'red',
  'action-failed': 'red',
  aborted: 'yellow',
  recover: 'green',
  mitigate: 'green',
  resolve: 'green',
  action: 'cyan',
  change: 'magenta',
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

/** Words before a line's text, where its kind is not plain from the text. */
const KIND_LABEL: Partial<Record<LogKind, string>> = { change: 'change  ' };

/** The last lines of the drill's log, in a pane of fixed height so the frame never grows. */
export function EventLog({ entries, height, theme }: Props) {
  const shown = entries.slice(Math.max(0, entries.length - height));
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((e, i) => (
        <Text key={i} wrap="truncate" color={theme.color(KIND_COLOR[e.kind] ?? '')}>
          {formatClock(e.tMs).padStart(7)} {KIND_LABEL[e.kind] ?? ''}{e.text}
        </Text>
      ))}
    </Box>
  );
}
