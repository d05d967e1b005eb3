import { describeWatch, formatClock } from '../core/monitors.js';
import type { Rng } from '../core/random.js';
import type { Playbook, Step } from '../formats/playbook.js';
import { acknowledgeMs, drawResponder, isDestructive, readingMs, typingMs, type Responder } from './responders.js';
import type { Session } from './session.js';

type Flow = Generator<void, boolean, void>;

/**
 * The people carrying out a playbook, as steps a runner yields through once per simulated
 * second: the page answered, the runbook read, each step read and typed, approvals waited for.
 * Their delays are those of responders.ts, drawn from the drill's own `responders` stream.
 */
export class People {
  private readonly person: Responder;
  /** People do one thing at a time: reading and typing in parallel branches queue behind each other. */
  private busyUntilMs = 0;

  constructor(
    private readonly session: Session,
    private readonly note: (text: string) => void,
  ) {
    this.person = drawResponder(this.rng);
  }

  private get rng(): Rng {
    return this.session.drill.world.streams.get('responders');
  }

  /** Waits until `ms` from now have passed. */
  private *pause(ms: number): Flow {
    const until = this.session.now + ms;
    while (this.session.now < until) yield;
    return true;
  }

  /** The person works for `ms`, after whatever they are already doing. */
  private *work(ms: number): Flow {
    this.busyUntilMs = Math.max(this.session.now, this.busyUntilMs) + ms;
    while (this.session.now < this.busyUntilMs) yield;
    return true;
  }

  /** The page answered, the runbook found and read, before anything is done. */
  *takeThePage(playbook: Playbook): Flow {
    const ackMs = acknowledgeMs(this.rng);
    yield* this.pause(ackMs);
    this.note(`page acknowledged after ${formatClock(ackMs)}`);
    const readMs = readingMs(this.person, [playbook.name, playbook.description, ...stepTexts(playbook.steps)].join(' '));
    yield* this.work(readMs);
    this.note(`runbook found and read in ${formatClock(readMs)}`);
    return true;
  }

  /** A command step read and typed, and approved by a second person when it is destructive. */
  *prepare(step: Extract<Step, { kind: 'run' }>): Flow {
    yield* this.work(readingMs(this.person, step.text) + typingMs(this.person, step.text));
    if (!isDestructive(this.session.drill.world, step.command)) return true;
    this.note(`asked for approval: ${step.text}`);
    const approvalMs = acknowledgeMs(this.rng) + readingMs(drawResponder(this.rng), step.text);
    yield* this.pause(approvalMs);
    this.note(`approved after ${formatClock(approvalMs)}: ${step.text}`);
    return true;
  }

  /** A gate read before it is watched. */
  *read(text: string): Flow {
    return yield* this.work(readingMs(this.person, text));
  }
}

/** Every command and gate of a runbook, in order, branches included: what a person reads. */
function stepTexts(steps: readonly Step[]): string[] {
  return steps.flatMap((s): string[] => {
    switch (s.kind) {
      case 'run':
        return [s.text, ...stepTexts(s.onFail)];
      case 'parallel':
        return stepTexts(s.steps);
      case 'verify':
        return [describeWatch(s.watch), ...stepTexts(s.onFail)];
      case 'wait':
        return [`wait ${formatClock(s.ms)}`];
    }
  });
}
