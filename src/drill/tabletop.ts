import type { ActionRecord } from '../core/actions/action.js';
import { helpIndex, verbHelp } from '../core/command-line.js';
import { formatClock } from '../core/monitors.js';
import { unknownName } from '../core/names.js';
import { DrillView } from '../core/snapshot.js';
import type { Playbook } from '../formats/playbook.js';
import type { Scenario } from '../formats/scenario.js';
import { Coach } from './coach.js';
import { LiveDriver, systemClock, type WallClock } from './live-driver.js';
import { PlaybookRunner } from './playbook-runner.js';
import { Session, type JournalEntry } from './session.js';

export type TabletopMode = 'team' | 'watch' | 'training';

/** A line the command line answers with: what a command did, or why it was refused. */
export interface Reply {
  tMs: number;
  kind: 'ok' | 'error' | 'info';
  lines: string[];
}

export interface TabletopOptions {
  scenario: Scenario;
  seed: number;
  mode: TabletopMode;
  speed?: number;
  clock?: WallClock;
  /** Watch mode: the playbook that drives the drill instead of the team. */
  playbook?: Playbook;
  onJournal?: (entry: JournalEntry) => void;
}

/** `@alice rollback-release` -> who typed it and what. */
export function splitAuthor(line: string, fallback: string): { by: string; text: string } {
  const m = /^@([\w.-]+)\s+(.*)$/s.exec(line.trim());
  return m ? { by: m[1]!, text: m[2]!.trim() } : { by: fallback, text: line.trim() };
}

/**
 * A drill with people in front of it: the session, the clock driver, the view a screen reads,
 * and the facilitator's controls (injects, hints, the end). The terminal screens and the
 * facilitator's socket both work through this, never through the world directly.
 */
export class Tabletop {
  readonly session: Session;
  readonly driver: LiveDriver;
  readonly view: DrillView;
  readonly scenario: Scenario;
  readonly mode: TabletopMode;
  /** Indexes of the hints revealed, in order, with when. */
  readonly hintsRevealed: { index: number; tMs: number; by: string }[] = [];
  readonly injectsFired: { id: string; tMs: number }[] = [];
  readonly replies: Reply[] = [];
  readonly runner: PlaybookRunner | undefined;
  endedBy: string | undefined;
  /** Training only: unlocks hints and says when problems start and stop. */
  readonly coach: Coach | undefined;
  private lastHintAsked = false;
  /** The team's commands still under way, whose outcome the command line will show. */
  private running: ActionRecord[] = [];

  constructor(options: TabletopOptions) {
    this.scenario = options.scenario;
    this.mode = options.mode;
    this.session = new Session(options.scenario, options.seed, options.onJournal);
    this.view = new DrillView(this.session.drill);
    if (options.playbook) {
      for (const use of options.playbook.uses) if (use.kind === 'metric') this.session.watched.add(use.name);
      const runner = new PlaybookRunner(this.session, options.playbook);
      this.session.drill.onTick(() => runner.poll());
      this.runner = runner;
    }
    this.coach = options.mode === 'training' ? new Coach(this.session, options.scenario.meta.hints) : undefined;
    this.driver = new LiveDriver(this.session, options.clock ?? systemClock, options.speed ?? 1);
  }

  get now(): number {
    return this.session.now;
  }

  /** Who types at the prompt unless a line says `@name`: a learner alone is `you`, a room is `team`. */
  get typist(): string {
    return this.mode === 'training' ? 'you' : 'team';
  }

  /**
   * What the team typed: `help`, `help VERB`, or an operator command (optionally `@name COMMAND`,
   * to say who typed it). Returns the reply also kept in `replies`.
   */
  enter(line: string, defaultBy = this.typist): Reply {
    const { by, text } = splitAuthor(line, defaultBy);
    if (text === '') return this.reply('info', ['type a command; help lists them']);
    if (text === 'hint') return this.mode === 'training' ? this.revealHint(by) : this.reply('info', ['hints are the facilitator’s to give (Esc, then h)']);
    if (this.session.done) return this.reply('error', ['the drill has ended: no more commands']);
    const record = this.driver.act((s) => s.submit(text, by));
    if (record.status === 'rejected') return this.reply('error', [`${record.text || text}: ${record.reason}`]);
    if (record.status === 'running') this.running.push(record);
    const output = record.status === 'done' && record.output.length > 0 ? record.output : [];
    return this.reply('ok', [`${by}: ${record.text}${record.status === 'running' ? ' (started)' : ''}`, ...output.map((o) => `  ${o}`)]);
  }

  /**
   * The team's commands that finished since the last call, as the answer the command line shows:
   * what `inspect` found, why a rollout failed. Undefined when none did.
   */
  takeFinished(): Reply | undefined {
    const done = this.running.filter((r) => r.status !== 'running');
    if (done.length === 0) return undefined;
    this.running = this.running.filter((r) => r.status === 'running');
    const lines = done.flatMap((r) => [`${r.by}: ${r.text} → ${r.status}${r.reason ? `: ${r.reason}` : ''}`, ...r.output.map((o) => `  ${o}`)]);
    return this.reply(done.some((r) => r.status === 'failed') ? 'error' : 'ok', lines);
  }

  /** Fires one of the scenario's injects now. */
  inject(id: string): Reply {
    const done = this.session.done;
    const fault = done ? 'the drill has ended' : this.driver.act((s) => s.inject(id));
    if (typeof fault === 'string') return this.reply('error', [fault]);
    this.injectsFired.push({ id, tMs: this.now });
    const inject = this.scenario.meta.injects.find((i) => i.id === id)!;
    return this.reply('info', [`inject ${id}: ${inject.description}`]);
  }

  /** The next hint not yet revealed, or undefined when all are out. */
  nextHint(): { index: number; text: string } | undefined {
    const index = this.hintsRevealed.length;
    const hint = this.scenario.meta.hints[index];
    return hint === undefined ? undefined : { index, text: hint.text };
  }

  /**
   * Reveals the next hint. In training only unlocked hints can be revealed, and the last one
   * (the play itself) only when asked for twice; a facilitator may reveal any.
   */
  revealHint(by: string): Reply {
    const hint = this.nextHint();
    if (!hint) return this.reply('info', ['every hint has been revealed']);
    if (this.coach) {
      if (hint.index >= this.coach.hintsUnlocked) {
        const at = this.coach.nextUnlockMs();
        return this.reply('info', [`no hint yet: the next one unlocks ${at === null ? 'once the incident is detected, or if you are stuck for a while' : `at ${formatClock(at)}, or sooner if you are stuck`}`]);
      }
      const last = hint.index === this.scenario.meta.hints.length - 1;
      if (last && !this.lastHintAsked) {
        this.lastHintAsked = true;
        return this.reply('info', ['the last hint gives the play away; type hint again to see it']);
      }
    }
    this.hintsRevealed.push({ index: hint.index, tMs: this.now, by });
    this.session.revealHint(hint.index, by);
    return this.reply('info', [`hint ${hint.index + 1} of ${this.scenario.meta.hints.length}: ${hint.text}`]);
  }

  /** Training: a line saying a hint is ready to be revealed, when one is. */
  hintReady(): string | undefined {
    if (!this.coach) return undefined;
    const next = this.hintsRevealed.length;
    return next < this.coach.hintsUnlocked ? `hint ${next + 1} is ready: type hint to see it` : undefined;
  }

  /** `help` lists the commands; `help VERB` explains one: usage, summary, then each argument and option. */
  help(verb: string): Reply {
    const index = helpIndex();
    if (verb === '') {
      // Names only, a few to a line: the whole list fits the screen's answer area.
      const lines: string[] = [];
      for (const v of index) {
        const last = lines.at(-1);
        if (last !== undefined && last.length + v.name.length + 2 <= 76) lines[lines.length - 1] = `${last}  ${v.name}`;
        else lines.push(`  ${v.name}`);
      }
      return this.reply('info', ['commands (help VERB explains one, Tab completes):', ...lines]);
    }
    const text = verbHelp(verb, this.session.drill.world);
    if (text === undefined) return this.reply('error', [unknownName('command', verb, index.map((v) => v.name))]);
    return this.reply('info', text.split('\n'));
  }

  /** The facilitator calls time: the drill ends now and is scored as it stands, or not at all before the incident was detected. */
  endByFacilitator(by: string): void {
    if (this.session.done) return;
    this.endedBy = by;
    this.driver.act((s) => s.end(by));
  }

  private reply(kind: Reply['kind'], lines: string[]): Reply {
    const reply = { tMs: this.now, kind, lines };
    this.replies.push(reply);
    return reply;
  }

  /** The clock a team reads: time since detection, or the drill's own before anyone noticed. */
  clockText(): string {
    const snap = this.session.drill.tracker;
    return snap.detectMs === undefined ? formatClock(this.now) : formatClock(this.now - snap.detectMs);
  }
}

