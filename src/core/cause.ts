/**
 * What changed the world: an operator's action, a scripted fault or a facilitator's inject, an
 * agent, the provider, or data written by what runs. The tracker reads it to tell an unstable
 * state an action entered from the incident itself.
 */
export type Cause =
  | { kind: 'initial' }
  | { kind: 'action'; id: number; verb: string }
  | { kind: 'fault' }
  | { kind: 'agent'; agent: string }
  | { kind: 'provider' }
  /** Rows written in the format of whatever runs: a consequence of the stack, never a cause of its own. */
  | { kind: 'data' };

export const INITIAL: Cause = { kind: 'initial' };
export const FAULT: Cause = { kind: 'fault' };
export const PROVIDER: Cause = { kind: 'provider' };
export const DATA: Cause = { kind: 'data' };

/** How reports name a cause: `action:3 rollback`, `fault`, `fault:coding-agent`. */
export function describeCause(c: Cause): string {
  switch (c.kind) {
    case 'action':
      return `action:${c.id} ${c.verb}`;
    case 'agent':
      return `fault:${c.agent}`;
    default:
      return c.kind;
  }
}

/** Whether the log calls what this cause does an action (an operator's) or a fault. */
export function logKindOf(c: Cause): 'action' | 'fault' {
  return c.kind === 'action' ? 'action' : 'fault';
}
