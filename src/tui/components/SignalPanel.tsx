import { Box, Text } from 'ink';
import { formatClock } from '../../core/monitors.js';
import type { MetricView, Snapshot } from '../../core/snapshot.js';
import { fit, formatMetric, sparkline } from '../format.js';
import type { Theme } from '../theme.js';

interface Props {
  snapshot: Snapshot;
  width: number;
  theme: Theme;
  /** Drawn in a box (side by side on a wide screen) or bare (stacked on a narrow one). */
  boxed: boolean;
}

/** The top of a sparkline's scale: the SLO line at two thirds of the height, or the largest value seen. */
function scaleTop(m: MetricView): number {
  const seen = m.recent.reduce((a, v) => (Number.isNaN(v) ? a : Math.max(a, v)), 0);
  const slo = m.sloMax ?? m.sloMin;
  return slo !== undefined ? Math.max(slo * 1.5, seen) : seen;
}

function sloText(m: MetricView): string {
  if (m.sloMax !== undefined) return `≤ ${formatMetric(m.name, m.sloMax)}`;
  if (m.sloMin !== undefined) return `≥ ${formatMetric(m.name, m.sloMin)}`;
  return '';
}

/** Signals: a sparkline per metric against its SLO, the alerts firing, the actions under way. */
export function SignalPanel({ snapshot: s, width, theme, boxed }: Props) {
  const inner = width - (theme.graphics && boxed ? 2 : 0);
  const nameWidth = Math.min(18, Math.max(...s.metrics.map((m) => m.name.length)));
  const lineWidth = Math.max(0, inner - nameWidth - 1 - 8 - 1 - 12 - 3);
  return (
    <Box flexDirection="column" borderStyle={theme.graphics && boxed ? 'round' : undefined} width={width}>
      <Text bold> signals{theme.graphics ? ` (last ${lineWidth}s)` : ''} · SLO</Text>
      {s.metrics.map((m) => {
        const last = m.recent[m.recent.length - 1]!;
        return (
          <Text key={m.name} wrap="truncate">
            {' '}
            {fit(m.name, nameWidth)} {theme.graphics ? <Text color={theme.color(m.breaking ? 'red' : 'green')}>{sparkline(m.recent, lineWidth, scaleTop(m))}</Text> : null}{' '}
            {fit(formatMetric(m.name, last), 8)} <Text color={theme.color(m.breaking ? 'red' : '')}>{fit(`${sloText(m)}${m.breaking ? ' ✗' : sloText(m) ? ' ✓' : ''}`, 12)}</Text>
          </Text>
        );
      })}
      {s.load ? (
        <Text wrap="truncate" color={theme.color(s.load.requestsPerS > s.load.capacityRps ? 'red' : '')}>
          {' '}load {Math.round(s.load.requestsPerS)} req/s against a capacity of {Math.round(s.load.capacityRps)} req/s
          {s.load.requestsPerS > s.load.capacityRps ? ' ⚠ over capacity: requests queue and retry' : ''}
        </Text>
      ) : null}
      {s.alerts.length === 0 ? (
        <Text dimColor> no alert firing</Text>
      ) : (
        s.alerts.map((a) => (
          <Text key={a.id} wrap="truncate" color={theme.color('red')}>
            {' '}▲ ALERT {a.id} since {formatClock(a.sinceMs)}: {a.text}
          </Text>
        ))
      )}
      {s.actions.map((a) => (
        <Text key={a.id} wrap="truncate" color={theme.color('cyan')}>
          {' '}▶ #{a.id} {a.text} ({a.by}) running {formatClock(s.nowMs - a.startMs)}
          {a.expectedEndMs !== undefined ? `, done about ${formatClock(a.expectedEndMs)}` : ''}
          {a.abortable ? ` · abort #${a.id} stops it` : ''}
        </Text>
      ))}
    </Box>
  );
}
