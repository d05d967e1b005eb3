import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { formatClock } from '../core/monitors.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useRefState } from './hooks/use-ref-state.js';
import type { Snapshot } from '../core/snapshot.js';
import type { PlayRow } from '../report/best-play.js';
import { BestPlay } from './components/BestPlay.js';
import type { FacilitatorLink, LinkEvent } from '../drill/facilitator-protocol.js';
import { facilitatorView } from '../drill/facilitator-view.js';
import type { Reply, Tabletop } from '../drill/tabletop.js';
import { complete, emptyLine, type Completer, type LineState } from './command-line.js';
import { wrapText } from './format.js';
import { Briefing } from './components/Briefing.js';
import { EventLog, TEAM_KINDS } from './components/EventLog.js';
import { FacilitatorPanel } from './components/FacilitatorPanel.js';
import { Header } from './components/Header.js';
import { LayerPanel } from './components/LayerPanel.js';
import { Pager, wrapLines } from './components/Pager.js';
import { SignalPanel } from './components/SignalPanel.js';
import { useSnapshot } from './hooks/use-tabletop.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { keysIn } from './key-chunks.js';
import { routeKey, type Mode, type RouterActions } from './key-router.js';
import type { Theme } from './theme.js';

export interface PlayAppProps {
  tabletop: Tabletop;
  theme: Theme;
  complete: Completer;
  /** What the command being typed will choose for what it leaves out, shown before Enter. */
  preview?: (line: string) => string | undefined;
  /** The reference playbook's commands on the same seed, for the facilitator's panel. */
  reference: readonly string[];
  /** Show the facilitator's panel on this screen (a solo rehearsal). */
  facilitator: boolean;
  journalPath?: string;
  /** Facilitators' screens attached over the play's socket, when it has one. */
  link?: FacilitatorLink;
  /** How a facilitator attaches, or why one cannot: shown on the briefing. */
  linkNotice?: string;
  /** Called once when the drill is over: writes what must be kept, returns what the debrief shows. */
  finish(): DebriefView;
  /** Training: opens the next scenario from the debrief. */
  onNext?: () => void;
}

export interface DebriefView {
  lines: string[];
  /** The learner's drill beside the best play, moment by moment. */
  plays?: PlayRow[];
  bestName?: string;
}

/** Alerts and actions shown at most; the rest wait for room. */
const MAX_SIGNAL_EXTRAS = 3;

/** Below this width the layers and signals stack, unboxed, so that pod states are read whole. */
const SIDE_BY_SIDE_COLUMNS = 160;

function panelHeight(s: Snapshot, boxed: boolean): number {
  const border = boxed ? 2 : 0;
  const layers = border + 2 + s.layers.reduce((n, l) => n + l.components.length, 0);
  const signals = border + 1 + s.metrics.length + (s.load ? 1 : 0) + Math.min(MAX_SIGNAL_EXTRAS, Math.max(1, s.alerts.length)) + Math.min(MAX_SIGNAL_EXTRAS, s.actions.length);
  return boxed ? Math.max(layers, signals) : layers + signals;
}

/** How long after the debrief appears keys still count as typing that outran the drill's end. */
const TYPED_THROUGH_MS = 1_500;

/** The tabletop: briefing, the live drill with its command line, then the debrief. */
export function PlayApp(props: PlayAppProps) {
  const { tabletop, theme } = props;
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { columns, rows } = useTerminalSize();
  const snapshot = useSnapshot(tabletop);
  // Keys can arrive faster than React renders: what the router reads lives in refs.
  const [mode, setMode, modeRef] = useRefState<Mode>('briefing');
  const [line, setLine, lineRef] = useRefState<LineState>(emptyLine);
  const [reply, setReply] = useState<Reply | undefined>();
  const [debrief, setDebrief] = useState<DebriefView>({ lines: [] });
  const [bestStep, setBestStep, bestStepRef] = useRefState(0);
  const debriefLines = useMemo(() => wrapLines(debrief.lines, columns), [debrief, columns]);
  const [offset, setOffset, offsetRef] = useRefState(0);
  const debriefAtRef = useRef(-Infinity);
  const [pick, setPick, pickRef] = useRefState(0);
  const [truth, setTruth] = useState(false);

  useEffect(
    () =>
      tabletop.driver.onFrame(() => {
        const finished = tabletop.takeFinished();
        if (finished) setReply(finished);
        if (tabletop.session.done) setMode((m) => (m === 'debrief' ? m : 'over'));
      }),
    [tabletop],
  );
  useEffect(() => props.link?.subscribe((e) => {
    const shown = linkReply(tabletop, e);
    if (shown) setReply(shown);
  }), [props.link]);
  useEffect(() => {
    if (mode !== 'over') return;
    setDebrief(props.finish());
    setOffset(0);
    debriefAtRef.current = Date.now();
    setMode('debrief');
  }, [mode]);

  const actions: RouterActions = {
    setMode,
    setLine,
    setPick,
    setOffset,
    start: () => tabletop.driver.start(),
    submit: (text) => setReply(text === 'help' || text.startsWith('help ') ? helpReply(tabletop, text) : tabletop.enter(text)),
    complete: (s) => complete(s, props.complete),
    pause: () => (tabletop.driver.paused ? tabletop.driver.resume() : tabletop.driver.pause()),
    speed: (d) => tabletop.driver.step(d),
    inject: (i) => setReply(tabletop.inject(tabletop.scenario.meta.injects[i]!.id)),
    hint: () => setReply(tabletop.revealHint('facilitator')),
    end: () => tabletop.endByFacilitator('facilitator'),
    toggleTruth: () => setTruth((t) => !t),
    setBestStep,
    next: () => {
      tabletop.driver.stop();
      props.onNext?.();
      exit();
    },
    quit: () => {
      tabletop.driver.stop();
      exit();
    },
  };
  useInput(
    (input, key) => {
      // Each key of a chunk reads the state the one before it left (modes live in refs).
      for (const [i, k] of keysIn(input, key)) {
        const justEnded = Date.now() - debriefAtRef.current < TYPED_THROUGH_MS;
        const state = { mode: modeRef.current, line: lineRef.current, pick: pickRef.current, injects: tabletop.scenario.meta.injects.length, debriefLines: debriefLines.length, offset: offsetRef.current, rows, truthAllowed: props.facilitator, training: tabletop.mode === 'training', bestRows: debrief.plays?.length ?? 0, bestStep: bestStepRef.current, hasNext: props.onNext !== undefined, justEnded };
        routeKey(state, i, k, actions);
      }
    },
    { isActive: isRawModeSupported },
  );

  if (mode === 'briefing') {
    return <Briefing meta={tabletop.scenario.meta} targetMs={snapshot.targetMs} seed={tabletop.session.seed} mode={tabletop.mode} journalPath={props.journalPath ?? ''} {...(props.linkNotice ? { linkNotice: props.linkNotice } : {})} theme={theme} />;
  }
  if (mode === 'best' && debrief.plays) {
    return <BestPlay rows={debrief.plays} step={bestStep} height={rows - 1} width={columns} bestName={debrief.bestName ?? 'reference'} hasNext={props.onNext !== undefined} theme={theme} />;
  }
  if (mode === 'debrief' || mode === 'over' || mode === 'best') {
    const keys = ['↑↓ PgUp PgDn scroll', ...(debrief.plays?.length ? ['b the best play beside yours'] : []), ...(props.onNext ? ['n next scenario'] : []), 'q quit'];
    return <Pager title={`Debrief · ${tabletop.scenario.meta.title}`} lines={debriefLines} offset={offset} height={rows - 1} width={columns} footer={keys.join(' · ')} theme={theme} />;
  }
  const sideBySide = columns >= SIDE_BY_SIDE_COLUMNS;
  const boxed = sideBySide && theme.graphics;
  const half = sideBySide ? Math.floor(columns * 0.55) : columns;
  const panels = panelHeight(snapshot, boxed);
  const picker = mode === 'inject';
  // A long answer (help, a hint, inspect) wraps and takes room from the log, never from the frame's height.
  const replyLines = (reply?.lines ?? []).flatMap((l) => wrapText(l, columns - 1, '  '));
  const coachLines = tabletop.coach ? coachText(tabletop).flatMap((l) => wrapText(l, columns - 1, '  ')).slice(0, 4) : [];
  // Candidates from Tab take the line under the answer; otherwise, what the command will choose.
  const preview = mode === 'type' && line.candidates.length === 0 ? props.preview?.(line.text) : undefined;
  const fixed = 2 + panels + 2 + (line.candidates.length > 0 || preview !== undefined ? 1 : 0) + coachLines.length + (picker ? tabletop.scenario.meta.injects.length + 1 : 0);
  // The answer and the log share what is left of a frame shorter than the terminal; the answer
  // the team just asked for may take the log down to its last line.
  const room = Math.max(2, rows - 1 - fixed);
  const replyHeight = Math.max(1, Math.min(replyLines.length, Math.max(2, Math.floor(rows / 3)), room - 1));
  const logHeight = room - replyHeight;
  const log = tabletop.session.drill.world.log.filter((e) => truth || TEAM_KINDS.has(e.kind));
  return (
    <Box flexDirection="column" width={columns}>
      <Header title={`${tabletop.scenario.meta.id} · ${tabletop.scenario.meta.title}`} snapshot={snapshot} speed={tabletop.driver.speed} paused={tabletop.driver.paused} width={columns} theme={theme} />
      <Box flexDirection={sideBySide ? 'row' : 'column'}>
        <LayerPanel snapshot={snapshot} width={half} theme={theme} boxed={boxed} />
        <SignalPanel snapshot={{ ...snapshot, alerts: snapshot.alerts.slice(0, MAX_SIGNAL_EXTRAS), actions: snapshot.actions.slice(0, MAX_SIGNAL_EXTRAS) }} width={sideBySide ? columns - half : columns} theme={theme} boxed={boxed} />
      </Box>
      {truth ? (
        <FacilitatorPanel view={facilitatorView(tabletop, props.reference)} height={logHeight} width={columns} theme={theme} />
      ) : (
        <EventLog entries={log} height={logHeight} theme={theme} />
      )}
      {picker ? <InjectPicker tabletop={tabletop} pick={pick} theme={theme} /> : null}
      {coachLines.map((l, i) => (
        <Text key={`coach-${i}`} wrap="truncate" color={theme.color(l.startsWith('hint') ? 'magenta' : 'yellow')}>
          {l}
        </Text>
      ))}
      <ReplyLines lines={replyLines} kind={reply?.kind} height={replyHeight} theme={theme} />
      {line.candidates.length > 0 ? (
        <Text dimColor wrap="truncate">
          {' '}
          {line.candidates.join('  ')}
        </Text>
      ) : preview !== undefined ? (
        <Text dimColor wrap="truncate">
          {' '}→ Enter: {preview}
        </Text>
      ) : null}
      <Text wrap="truncate">
        <Text bold color={theme.color(mode === 'type' ? 'cyan' : '')}>
          {mode === 'type' ? `${tabletop.typist}> ` : 'keys> '}
        </Text>
        {line.text}
        {mode === 'type' ? <Text inverse> </Text> : null}
      </Text>
      <Footer mode={mode} paused={tabletop.driver.paused} hasHint={tabletop.nextHint() !== undefined} truth={props.facilitator} training={tabletop.mode === 'training'} />
    </Box>
  );
}

/**
 * What the team's screen shows of a facilitator's screen: that one attached or left, and what
 * it fired that the team is meant to see (an inject's news, a hint). Pauses and speed show in
 * the header; refusals are the facilitator's alone.
 */
function linkReply(tabletop: Tabletop, e: LinkEvent): Reply | undefined {
  const tMs = tabletop.now;
  if (e.kind === 'attached') return { tMs, kind: 'info', lines: [`a facilitator's screen attached (${e.screens} attached)`] };
  if (e.kind === 'detached') return { tMs, kind: 'info', lines: [`a facilitator's screen detached (${e.screens === 0 ? 'none' : e.screens} attached)`] };
  const seen = 'inject' in e.control || 'hint' in e.control;
  return seen && e.reply.kind !== 'error' ? e.reply : undefined;
}

function helpReply(tabletop: Tabletop, text: string): Reply {
  return tabletop.help(text.slice(4).trim());
}

function ReplyLines({ lines: all, kind, height, theme }: { lines: string[]; kind: Reply['kind'] | undefined; height: number; theme: Theme }) {
  const lines = all.length > height ? [...all.slice(0, height - 1), `… ${all.length - height + 1} more lines (a taller terminal shows them)`] : [...all];
  while (lines.length < height) lines.push(' ');
  const color = kind === 'error' ? 'red' : kind === 'ok' ? 'green' : '';
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate" color={theme.color(color)}>
          {l}
        </Text>
      ))}
    </Box>
  );
}

/** Training: the coach's last note, and whether a hint is ready. */
function coachText(tabletop: Tabletop): string[] {
  const note = tabletop.coach!.notes.at(-1);
  const ready = tabletop.hintReady();
  return [note ? `coach ${formatClock(note.tMs)}: ${note.text}` : 'coach: watch the signals; the notes here say when something changes', ...(ready ? [ready] : [])];
}

function InjectPicker({ tabletop, pick, theme }: { tabletop: Tabletop; pick: number; theme: Theme }) {
  return (
    <Box flexDirection="column">
      <Text bold color={theme.color('magenta')}>
        Fire an inject (↑↓ choose, Enter fire, Esc cancel)
      </Text>
      {tabletop.scenario.meta.injects.map((inj, i) => (
        <Text key={inj.id} wrap="truncate" inverse={i === pick}>
          {i === pick ? '›' : ' '} {inj.id}: {inj.description}
        </Text>
      ))}
    </Box>
  );
}

/** The keys valid now, and only those. */
function Footer({ mode, paused, hasHint, truth, training }: { mode: Mode; paused: boolean; hasHint: boolean; truth: boolean; training: boolean }) {
  const keys = useMemo(() => {
    if (mode === 'type') return `Enter run · Tab complete · ↑↓ history · help${training ? ' · hint' : ''} · Esc ${training ? 'pause and speed' : 'facilitator keys'} · Ctrl-C quit`;
    if (mode === 'inject') return '↑↓ choose · Enter fire · Esc back';
    if (mode === 'confirm-end') return 'End the drill now? y yes · n no';
    // A learner alone has no injects to fire, and asks for hints by typing hint.
    const facilitator = training ? '' : ` · i inject${hasHint ? ' · h next hint' : ''}${truth ? ' · t truth panel' : ''}`;
    return `${paused ? 'p resume' : 'p pause'} · +/- speed${facilitator} · e end drill · Esc back to typing`;
  }, [mode, paused, hasHint, truth, training]);
  return (
    <Text dimColor wrap="truncate">
      {keys}
    </Text>
  );
}
