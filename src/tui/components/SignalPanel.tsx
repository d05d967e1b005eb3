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

/**
 * The top of a sparkline's scale: the largest value seen, but never below one and a half times
 * the SLO line (or, without an SLO, the healthy baseline), so that noise far below the line
 * stays low instead of being stretched to full height.
 */
export function scaleTop(m: MetricView): number {
  const seen = m.recent.reduce((a, v) => (Number.isNaN(v) ? a : Math.max(a, v)), 0);
  const reference = m.sloMax ?? m.sloMin ?? m.baseline;
  return reference !== undefined && reference > 0 ? Math.max(reference * 1.5, seen) : seen;
}

function sloText(m: MetricView): string {
  if (m.sloMax !== undefined) return `≤ ${formatMetric(m.unit, m.sloMax)}`;
  if (m.sloMin !== undefined) return `≥ ${formatMetric(m.unit, m.sloMin)}`;
  return '';
}

/** Each route's value side by side (`stable 80.1% · canary 71.2%✗`), or nothing while one route serves everyone. */
export function routesText(m: MetricView): string {
  return (m.routes ?? []).map((r) => `${r.route} ${formatMetric(m.unit, r.value)}${r.breaking ? '✗' : ''}`).join(' · ');
}

/** Signals: a sparkline per metric against its SLO, each route's value, the alerts firing, the actions under way. */
export function SignalPanel({ snapshot: s, width, theme, boxed }: Props) {
  const inner = width - (theme.graphics && boxed ? 2 : 0);
  const nameWidth = Math.min(18, Math.max(...s.metrics.map((m) => m.name.length)));
  const routes = s.metrics.map(routesText);
  const routesWidth = Math.max(0, ...routes.map((r) => (r === '' ? 0 : r.length + 1)));
  // Per-route values take room from the sparkline, never from the frame's width.
  const lineWidth = Math.max(0, inner - nameWidth - 1 - 8 - 1 - 12 - 3 - routesWidth);
  return (
    <Box flexDirection="column" borderStyle={theme.graphics && boxed ? 'round' : undefined} width={width}>
      <Text bold wrap="truncate">
        {' '}signals{theme.graphics ? `, last ${lineWidth}s` : ''} (values over the SLO's window, else 10s) · SLO{routesWidth > 0 ? ' · by route' : ''}
      </Text>
      {s.metrics.map((m, i) => {
        const last = m.recent[m.recent.length - 1]!;
        return (
          <Text key={m.name} wrap="truncate">
            {' '}
            {fit(m.name, nameWidth)} {theme.graphics ? <Text color={theme.color(m.breaking ? 'red' : 'green')}>{sparkline(m.recent, lineWidth, scaleTop(m))}</Text> : null}{' '}
            {fit(formatMetric(m.unit, last), 8)} <Text color={theme.color(m.breaking ? 'red' : '')}>{fit(`${sloText(m)}${m.breaking ? ' ✗' : sloText(m) ? ' ✓' : ''}`, 12)}</Text>
            {routes[i] ? <Text color={theme.color(m.routes!.some((r) => r.breaking) ? 'red' : '')}> {routes[i]}</Text> : null}
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
