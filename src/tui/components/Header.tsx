import { Box, Text } from 'ink';
import { formatClock } from '../../core/monitors.js';
import type { Snapshot } from '../../core/snapshot.js';
import { bar, fit } from '../format.js';
import type { Theme } from '../theme.js';

/** What the header reads of a drill: the clock and the target, as a snapshot or a facilitator's state has them. */
export type TargetClock = Pick<Snapshot, 'nowMs' | 'targetMs' | 'detectMs' | 'recoverMs'>;

interface Props {
  title: string;
  snapshot: TargetClock;
  speed: number;
  paused: boolean;
  width: number;
  theme: Theme;
}

/** Where the target clock stands: the share of the target used, and what to call it. */
export function targetState(s: TargetClock): { share: number; label: string; color: string } | undefined {
  if (s.detectMs === undefined) return undefined;
  const end = s.recoverMs ?? s.nowMs;
  const share = (end - s.detectMs) / s.targetMs;
  if (s.recoverMs !== undefined) return { share, label: share <= 1 ? 'recovered within target' : 'recovered after the target', color: share <= 1 ? 'green' : 'red' };
  if (share >= 1) return { share, label: 'over target', color: 'red' };
  return { share, label: share >= 0.6 ? 'hurry' : 'on track', color: share >= 0.6 ? 'yellow' : 'green' };
}

/** The scenario, the drill's clock, the speed, and the time since detection against the target. */
export function Header({ title, snapshot: s, speed, paused, width, theme }: Props) {
  const state = targetState(s);
  // A screen reader would read a clock that changes every second without end: announce whole minutes.
  const clock = (ms: number): string => (theme.graphics ? formatClock(ms) : `${Math.floor(ms / 60_000)} min`);
  const right = `${paused ? `PAUSED (${speed}x)` : `${speed}x`}  drill ${clock(s.nowMs)}`;
  const since = s.detectMs === undefined ? undefined : clock((s.recoverMs ?? s.nowMs) - s.detectMs);
  const barWidth = Math.max(10, Math.min(40, width - 60));
  return (
    <Box flexDirection="column">
      <Box>
        <Text bold color={theme.color('cyan')}>
          {fit(` FIREDRILL  ${title}`, Math.max(10, width - right.length - 2))}
        </Text>
        {/* A title cut short still leaves a space before the speed. */}
        <Text> </Text>
        <Text inverse={paused}>{right}</Text>
      </Box>
      {state === undefined ? (
        <Text dimColor> target {formatClock(s.targetMs)} · the target clock starts at the first alert or at declare</Text>
      ) : (
        <Text>
          {' '}target <Text color={theme.color(state.color)}>{theme.graphics ? bar(state.share, barWidth) : ''}</Text> {since} of {formatClock(s.targetMs)} since detection ·{' '}
          <Text bold color={theme.color(state.color)}>
            {state.label}
          </Text>
        </Text>
      )}
    </Box>
  );
}
