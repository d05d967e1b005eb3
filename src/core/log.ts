export type LogKind =
  | 'fault'
  | 'inject'
  | 'alert'
  | 'resolve'
  | 'detect'
  | 'impact'
  | 'mitigate'
  | 'recover'
  | 'action'
  | 'action-done'
  | 'action-failed'
  | 'pods'
  | 'unstable'
  | 'stable'
  | 'agent'
  | 'data'
  | 'escalation'
  | 'note'
  /** A hint revealed to the team (a debrief line, written by the session from its journal). */
  | 'hint'
  /** The facilitator ended the drill (a debrief line, written by the session from its journal). */
  | 'end';

export interface LogEntry {
  tMs: number;
  kind: LogKind;
  text: string;
}

/** The kinds a debrief timeline shows; the rest stay in the full log. */
export const TIMELINE_KINDS: ReadonlySet<LogKind> = new Set<LogKind>([
  'fault',
  'inject',
  'alert',
  'detect',
  'impact',
  'mitigate',
  'recover',
  'action',
  'action-done',
  'action-failed',
  'pods',
  'unstable',
  'stable',
  'agent',
  'data',
  'escalation',
]);
