/**
 * What changed the world: an operator's action, a scripted fault or a facilitator's inject, an
 * agent, the provider, or data written by what runs. The tracker reads it to tell an unstable
 * state an action entered from the incident itself.
 */
export type Cause =
  | { kind: 'initial' }
  | { kind: 'action'; id: number; verb: string }
  /**
   * A scripted change or a facilitator's inject. `announced` when it went through the release
   * system (a deploy, a canary step, a pointer switch), which tells whoever watches it; a
   * silent one (a provider's alias moved, an agent's command) shows only in what it does.
   */
  | { kind: 'fault'; announced?: true }
  | { kind: 'agent'; agent: string }
  | { kind: 'provider' }
  /** Rows written in the format of whatever runs: a consequence of the stack, never a cause of its own. */
  | { kind: 'data' };

export const INITIAL: Cause = { kind: 'initial' };
export const FAULT: Cause = { kind: 'fault' };
export const ANNOUNCED: Cause = { kind: 'fault', announced: true };
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

/**
 * What the log calls what this cause does: an operator's action, a change the release system
 * announced, or a fault (which only the facilitator and the debrief see).
 */
export function logKindOf(c: Cause): 'action' | 'change' | 'fault' {
  if (c.kind === 'action') return 'action';
  return c.kind === 'fault' && c.announced === true ? 'change' : 'fault';
}
