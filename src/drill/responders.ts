import type { Command } from '../core/commands.js';
import type { Rng } from '../core/random.js';
import type { World } from '../core/world.js';

/**
 * How long people take to carry out a playbook by hand: acknowledging the page, finding and
 * reading the runbook, typing each command, and waiting for a second person to approve a
 * destructive one. Each figure comes from published work on people, none from the incidents
 * the scenarios replay, so a hand-run drill's duration is a result, not a fit:
 *
 * - Acknowledging a page: the Google SRE book ("Being On-Call") gives 5 minutes as the
 *   response time for user-facing, time-critical services: the on-call engineer is at the
 *   keyboard and working within it. Where within it, nothing published says: uniform over it.
 * - Reading: 238 words a minute, most adults between 175 and 300, for silent reading of English
 *   non-fiction (Brysbaert, "How many words do we read per minute?", Journal of Memory and
 *   Language 109, 2019). Read as a normal spread with those bounds at about two deviations.
 * - Typing: 52 words (of five characters) a minute on average, standard deviation 20, over
 *   168,000 typists (Dhakal, Feit, Kristensson and Oulasvirta, "Observations on typing from 136
 *   million keystrokes", CHI 2018).
 * - Approval: a second person, asked for it, answers on the same terms as a page, then reads
 *   the command and the step it comes from.
 */
export const RESPONDERS = {
  /** The response time people on call are held to; an acknowledgement comes uniformly within it. */
  acknowledgeWithinMs: 5 * 60_000,
  readingWpm: { mean: 238, sd: 31, min: 120 },
  typingWpm: { mean: 52, sd: 20, min: 15 },
  /** Characters per word in typing speeds. */
  charsPerWord: 5,
} as const;

/** One person's speeds for a drill, drawn once: a fast reader stays fast all drill long. */
export interface Responder {
  readingWpm: number;
  typingWpm: number;
}

export function drawResponder(rng: Rng): Responder {
  const speed = (s: { mean: number; sd: number; min: number }): number => Math.max(s.min, s.mean + s.sd * rng.normal());
  return { readingWpm: speed(RESPONDERS.readingWpm), typingWpm: speed(RESPONDERS.typingWpm) };
}

/** How long until someone answers a page or a request for approval. */
export function acknowledgeMs(rng: Rng): number {
  return Math.round(rng.uniform() * RESPONDERS.acknowledgeWithinMs);
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

export function readingMs(who: Responder, text: string): number {
  return Math.round((words(text) / who.readingWpm) * 60_000);
}

export function typingMs(who: Responder, text: string): number {
  return Math.round((text.length / RESPONDERS.charsPerWord / who.typingWpm) * 60_000);
}

/** Verbs whose every use can lose data or take capacity away at once: a second person approves them. */
const DESTRUCTIVE_VERBS = new Set(['restore', 'migrate', 'write-off', 'scale', 'rollback-release', 'deploy-release']);

/**
 * Whether a command needs a second person's approval when people run it: it can lose data
 * (restore, migrations, writing rows off, changing a database's schema) or take serving capacity
 * down at once (scaling, recreating every pod).
 */
export function isDestructive(world: World, cmd: Command): boolean {
  if (DESTRUCTIVE_VERBS.has(cmd.verb)) return true;
  if (cmd.verb !== 'rollback' && cmd.verb !== 'deploy' && cmd.verb !== 'atomic') return false;
  if (cmd.options.strategy === 'recreate') return true;
  const components = cmd.verb === 'atomic' ? cmd.args.map((a) => a.split('=')[0]!) : cmd.args.slice(0, 1);
  return components.some((c) => world.databases.has(c));
}
