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
  | 'note';

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
