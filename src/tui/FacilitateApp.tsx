import { Box, Text, useApp, useInput, useStdin, type Key } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { formatClock } from '../core/monitors.js';
import type { Control, FacilitatorChannel, FacilitatorState } from '../drill/facilitator-protocol.js';
import { PROTOCOL_VERSION } from '../drill/facilitator-protocol.js';
import { FacilitatorPanel } from './components/FacilitatorPanel.js';
import { Header } from './components/Header.js';
import { routeFacilitateKey, type FacilitateMode } from './facilitate-keys.js';
import { keysIn } from './key-chunks.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { Theme } from './theme.js';

export interface FacilitateAppProps {
  channel: FacilitatorChannel;
  socketPath: string;
  theme: Theme;
  /** Called once, with why the screen closed (the facilitator left, or the play ended). */
  onClose?(reason: string): void;
}

interface Said {
  kind: 'ok' | 'info' | 'error';
  text: string;
}

/** Alerts listed at most; the facilitator has the team's screen for the rest. */
const MAX_ALERTS = 2;

/** The facilitator's own screen: the drill's hidden truth and the controls, attached to a running play. */
export function FacilitateApp({ channel, socketPath, theme, onClose }: FacilitateAppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { columns, rows } = useTerminalSize();
  const [state, setState] = useState<FacilitatorState | undefined>();
  const [said, setSaid] = useState<Said | undefined>();
  const [closed, setClosed] = useState<string | undefined>();
  const [mode, setModeState] = useState<FacilitateMode>('main');
  const [pick, setPickState] = useState(0);
  // Keys can arrive faster than React renders: the router reads refs.
  const modeRef = useRef<FacilitateMode>('main');
  const pickRef = useRef(0);
  const stateRef = useRef<FacilitatorState | undefined>(undefined);
  const pausedRef = useRef(false);

  useEffect(
    () =>
      channel.subscribe((m) => {
        if (m.type === 'state') {
          if (m.state.protocol !== PROTOCOL_VERSION) {
            setSaid({ kind: 'error', text: `the play speaks protocol ${m.state.protocol}, this screen ${PROTOCOL_VERSION}: run the same firedrill version on both` });
            return;
          }
          stateRef.current = m.state;
          pausedRef.current = m.state.view.paused;
          setState(m.state);
        } else if (m.type === 'reply') setSaid({ kind: m.reply.kind, text: m.reply.lines.join(' · ') });
        else if (m.type === 'error') setSaid({ kind: 'error', text: m.error });
        else if (m.type === 'closed') setClosed(m.reason);
      }),
    [channel],
  );
  useEffect(() => {
    if (closed === undefined) return;
    onClose?.(closed);
    exit();
  }, [closed]);

  useInput(
    (input, key) => {
      for (const [i, k] of keysIn(input, key)) routeOne(i, k);
    },
    { isActive: isRawModeSupported && closed === undefined },
  );

  /** One key, against what the keys before it left: the mode, the pick, whether the play is paused. */
  function routeOne(input: string, key: Key): void {
    const s = stateRef.current;
    if (!s) {
      if (input === 'q') quit();
      return;
    }
    routeFacilitateKey({ mode: modeRef.current, pick: pickRef.current, injectIds: s.view.injects.map((i) => i.id), paused: pausedRef.current }, input, key, {
      setMode: (m) => {
        modeRef.current = m;
        setModeState(m);
      },
      setPick: (i) => {
        pickRef.current = i;
        setPickState(i);
      },
      send: (c: Control) => {
        // The play answers with its state later: a second p in the same burst resumes what the first paused.
        if ('pause' in c) pausedRef.current = true;
        if ('resume' in c) pausedRef.current = false;
        channel.send(c);
      },
      quit,
    });
  }

  function quit(): void {
    channel.close();
  }

  if (!state) {
    return <Text>{closed ?? `attaching to the play at ${socketPath}…`}</Text>;
  }
  const { view, team } = state;
  const status = statusLines(state);
  const picker = mode === 'inject' ? view.injects.length + 1 : 0;
  const height = Math.max(3, rows - 1 - 2 - status.length - picker - 2);
  const color = said?.kind === 'error' ? 'red' : said?.kind === 'ok' ? 'green' : '';
  return (
    <Box flexDirection="column" width={columns}>
      <Header title={`facilitator · ${state.scenario.id} · ${state.scenario.title}`} snapshot={team} speed={view.speed} paused={view.paused && state.started && !view.ended} width={columns} theme={theme} />
      {status.map((l, i) => (
        <Text key={i} wrap="truncate" color={theme.color(l.color)}>
          {l.text}
        </Text>
      ))}
      <FacilitatorPanel view={view} height={height} width={columns} theme={theme} injectKeys="i fires one" expanded />
      {mode === 'inject' ? (
        <Box flexDirection="column">
          <Text bold color={theme.color('magenta')}>
            Fire an inject (↑↓ choose, Enter fire, Esc cancel)
          </Text>
          {view.injects.map((inj, i) => (
            <Text key={inj.id} wrap="truncate" inverse={i === pick}>
              {i === pick ? '›' : ' '} {inj.id}: {inj.description}
            </Text>
          ))}
        </Box>
      ) : null}
      <Text wrap="truncate" color={theme.color(color)}>
        {closed ?? said?.text ?? ' '}
      </Text>
      <Text dimColor wrap="truncate">
        {footer(mode, state)}
      </Text>
    </Box>
  );
}

/** Why a drill ended, in words (the core's end reasons). */
const ENDINGS: Record<string, string> = { recovered: 'recovered', 'no-impact': 'nothing went wrong', horizon: 'reached its time limit', ended: 'ended by the facilitator' };

function statusLines(s: FacilitatorState): { text: string; color: string }[] {
  if (!s.started) return [{ text: ' waiting for the team: the briefing is on their screen; the clock starts when they press Enter', color: 'cyan' }];
  if (s.view.ended) return [{ text: ` drill over: ${ENDINGS[s.team.ended ?? ''] ?? 'ended'}; the debrief is on the team's screen`, color: 'cyan' }];
  const { alerts } = s.team;
  if (alerts.length === 0) return [{ text: ' alerts: none firing', color: '' }];
  const lines = alerts.slice(0, MAX_ALERTS).map((a) => ({ text: ` ▲ ALERT ${a.id} since ${formatClock(a.sinceMs)}: ${a.text}`, color: 'red' }));
  if (alerts.length > MAX_ALERTS) lines.push({ text: ` and ${alerts.length - MAX_ALERTS} more alerts`, color: 'red' });
  return lines;
}

/** The keys valid now, and only those. */
function footer(mode: FacilitateMode, s: FacilitatorState): string {
  if (mode === 'inject') return '↑↓ choose · Enter fire · Esc back';
  if (mode === 'confirm-end') return 'End the drill now, for everyone? y yes · n no';
  const keys: string[] = [];
  if (s.started && !s.view.ended) keys.push(s.view.paused ? 'p resume' : 'p pause');
  if (!s.view.ended) keys.push('+/- speed');
  if (s.started && !s.view.ended && s.view.injects.length > 0) keys.push('i inject');
  if (s.started && !s.view.ended && s.view.hints.some((h) => h.revealedAtMs === null)) keys.push('h next hint');
  if (!s.view.ended) keys.push('e end drill');
  keys.push('q quit this screen');
  return keys.join(' · ');
}
