import { formatClock } from '../core/monitors.js';
import { unknownName } from '../core/names.js';
import type { AlertView, Snapshot } from '../core/snapshot.js';
import { facilitatorView, type FacilitatorView } from './facilitator-view.js';
import type { Reply, Tabletop } from './tabletop.js';

/**
 * What a facilitator's screen and a running play say to each other, one JSON object a line each
 * way. The play pushes its state; the facilitator sends controls, each answered with a reply.
 */
export const PROTOCOL_VERSION = 1;

/** A facilitator's control, as sent: exactly one field. */
export type Control = { pause: true } | { resume: true } | { speed: 1 | -1 } | { inject: string } | { hint: true } | { end: true };

/** What the team's screen shows of the drill, enough for the facilitator to follow it. */
export interface TeamEssentials {
  nowMs: number;
  targetMs: number;
  detectMs?: number;
  mitigateMs?: number;
  recoverMs?: number;
  ended?: string;
  alerts: AlertView[];
}

export interface FacilitatorState {
  protocol: number;
  scenario: { id: string; title: string };
  seed: number;
  /** The team has left the briefing and the clock runs (or ran). */
  started: boolean;
  view: FacilitatorView;
  team: TeamEssentials;
}

export type ServerMessage =
  | { type: 'state'; state: FacilitatorState }
  | { type: 'reply'; control: Control; reply: Reply }
  | { type: 'error'; error: string }
  | { type: 'bye'; reason: string };

/** A facilitator's screen's end of the line: send controls, hear the play. */
export interface FacilitatorChannel {
  send(control: Control): void;
  /** Every message from the play, then `closed` once when the connection ends. */
  subscribe(listener: (message: ServerMessage | { type: 'closed'; reason: string }) => void): () => void;
  close(): void;
}

/** What the play's own screen hears of attached facilitators. */
export type LinkEvent = { kind: 'attached'; screens: number } | { kind: 'detached'; screens: number } | { kind: 'control'; control: Control; reply: Reply };

export interface FacilitatorLink {
  subscribe(listener: (event: LinkEvent) => void): () => void;
}

const SHAPES = '{"pause":true}, {"resume":true}, {"speed":1}, {"speed":-1}, {"inject":"ID"}, {"hint":true} or {"end":true}';
const FLAGS = ['pause', 'resume', 'hint', 'end'] as const;
const MAX_INJECT_ID_CHARS = 200;

/** Reads one line a facilitator sent; anything else than a known control is an error to answer with. */
export function parseControl(line: string): Control | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: `not a JSON line; expected one of ${SHAPES}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: `expected a JSON object, one of ${SHAPES}` };
  const fields = Object.entries(value);
  if (fields.length !== 1) return { error: `expected exactly one field, got ${fields.length}; one of ${SHAPES}` };
  const [key, v] = fields[0]!;
  if ((FLAGS as readonly string[]).includes(key)) {
    return v === true ? ({ [key]: true } as Control) : { error: `"${key}" takes true, got ${JSON.stringify(v)}` };
  }
  if (key === 'speed') return v === 1 || v === -1 ? { speed: v } : { error: `"speed" takes 1 (faster) or -1 (slower), got ${JSON.stringify(v)}` };
  if (key === 'inject') {
    if (typeof v === 'string' && v !== '' && v.length <= MAX_INJECT_ID_CHARS) return { inject: v };
    return { error: `"inject" takes the id of one of the scenario's injects, got ${JSON.stringify(v)?.slice(0, 80)}` };
  }
  return { error: `${unknownName('control', key.slice(0, 40), ['pause', 'resume', 'speed', 'inject', 'hint', 'end'])}` };
}

/**
 * Applies a control through the same tabletop and driver methods the play screen's keys use,
 * so it is journaled where they are. Returns the reply for the facilitator.
 */
export function applyControl(t: Tabletop, control: Control, by = 'facilitator'): Reply {
  const answer = (kind: Reply['kind'], text: string): Reply => ({ tMs: t.now, kind, lines: [text] });
  const { driver } = t;
  const notStarted = 'the team has not started the clock yet: the briefing is on their screen';
  if ('end' in control) {
    if (t.session.done) return answer('info', `the drill had already ended at ${formatClock(t.now)}`);
    t.endByFacilitator(by);
    return answer('info', `drill ended at ${formatClock(t.now)}; the debrief is on the team's screen`);
  }
  if ('speed' in control) {
    const before = driver.speed;
    driver.step(control.speed);
    if (driver.speed === before) return answer('info', `already at the ${control.speed > 0 ? 'fastest' : 'slowest'} speed, ${before}x`);
    return answer('info', `speed ${driver.speed}x`);
  }
  if (t.session.done) return answer('error', 'the drill has ended');
  if (!driver.started) return answer('error', notStarted);
  if ('pause' in control) {
    if (driver.paused) return answer('info', `already paused at ${formatClock(t.now)}`);
    driver.pause();
    return answer('info', `paused at ${formatClock(t.now)}`);
  }
  if ('resume' in control) {
    if (!driver.paused) return answer('info', 'already running');
    driver.resume();
    return answer('info', `resumed at ${formatClock(t.now)}, ${driver.speed}x`);
  }
  if ('hint' in control) return t.revealHint(by);
  return t.inject(control.inject);
}

function essentials(s: Snapshot): TeamEssentials {
  return {
    nowMs: s.nowMs,
    targetMs: s.targetMs,
    ...(s.detectMs !== undefined ? { detectMs: s.detectMs } : {}),
    ...(s.mitigateMs !== undefined ? { mitigateMs: s.mitigateMs } : {}),
    ...(s.recoverMs !== undefined ? { recoverMs: s.recoverMs } : {}),
    ...(s.ended !== undefined ? { ended: s.ended } : {}),
    alerts: s.alerts,
  };
}

/** What the play pushes to a facilitator's screen: the hidden truth and what the team sees. */
export function facilitatorState(t: Tabletop, reference: readonly string[]): FacilitatorState {
  return {
    protocol: PROTOCOL_VERSION,
    scenario: { id: t.scenario.meta.id, title: t.scenario.meta.title },
    seed: t.session.seed,
    started: t.driver.started,
    view: facilitatorView(t, reference),
    team: essentials(t.view.snapshot()),
  };
}

const SERVER_TYPES = new Set(['state', 'reply', 'error', 'bye']);

/** Reads one line from the play; undefined for anything that is not one of its messages. */
export function parseServerMessage(line: string): ServerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !SERVER_TYPES.has((value as { type?: unknown }).type as string)) return undefined;
  return value as ServerMessage;
}
