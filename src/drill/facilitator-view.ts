import { formatClock } from '../core/monitors.js';
import type { DrillResult } from '../core/result.js';
import type { Tabletop } from './tabletop.js';

/** What only the facilitator sees: the hidden truth of the drill and the controls' state. */
export interface FacilitatorView {
  nowMs: number;
  speed: number;
  paused: boolean;
  ended: boolean;
  /** Harmful rules matching a live stack now: the cause, which the team must find. */
  causes: { rule: string; explain: string; where: string[] }[];
  /** More demand than the ready pods can serve: queues and retries, which no rule names. */
  overload?: string;
  injects: { id: string; description: string; firedAtMs: number | null }[];
  hints: { index: number; text: string; revealedAtMs: number | null }[];
  /** The best play on the same seed: the reference playbook's commands with their times. */
  reference: string[];
}

/** The reference drill's commands, as the facilitator reads them. */
export function referenceSteps(result: DrillResult | undefined): string[] {
  if (!result) return ['the scenario names no reference playbook'];
  if (result.actions.length === 0) return [`no command: ${result.verdict} without one`];
  return result.actions.map((a) => `${formatClock(a.atMs)} ${a.command}`);
}

function overload(t: Tabletop): { overload?: string } {
  const load = t.view.snapshot().load;
  if (!load || load.requestsPerS <= load.capacityRps) return {};
  return { overload: `overload: ${Math.round(load.requestsPerS)} req/s (retries included) against a capacity of ${Math.round(load.capacityRps)} req/s` };
}

export function facilitatorView(t: Tabletop, reference: readonly string[]): FacilitatorView {
  const { world } = t.session.drill;
  return {
    nowMs: t.now,
    speed: t.driver.speed,
    paused: t.driver.paused,
    ended: t.session.done,
    causes: world.stacks.harmfulMatches().map((h) => ({ rule: h.rule.id, explain: h.rule.explain, where: h.where })),
    ...overload(t),
    injects: t.scenario.meta.injects.map((i) => ({ id: i.id, description: i.description, firedAtMs: t.injectsFired.find((f) => f.id === i.id)?.tMs ?? null })),
    hints: t.scenario.meta.hints.map((h, index) => ({
      index,
      text: h.text,
      revealedAtMs: t.hintsRevealed.find((r) => r.index === index)?.tMs ?? null,
    })),
    reference: [...reference],
  };
}
