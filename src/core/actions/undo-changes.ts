import { abortRollout, type UnitProgress } from '../changes.js';
import type { Undo } from '../in-flight.js';
import type { ActionContext } from './action.js';

/** Why a migration is never aborted, and what to do instead. */
export const MIGRATION_RUNS_TO_ITS_END =
  'a migration is never stopped halfway: a schema left between two versions matches neither version’s code; let it finish, then migrate back';

/**
 * What `abort` puts back of a change to `target` that this action began (read when it begins):
 * a deployment's rollout goes back to the version its track last completed a rollout to (the
 * stable one), its pods that serve nothing at once; a pointer it has switched flips back at once;
 * a database stays where its migration leaves it, for a migration under way runs to its end.
 * `progress` says which phase of a change made as one unit is under way.
 */
export function undoChanges(ctx: ActionContext, target: Readonly<Record<string, string>>, track: string, progress?: () => UnitProgress | undefined): Undo {
  const { world, record } = ctx;
  const before = Object.fromEntries(Object.keys(target).map((id) => [id, world.versionOf(id)]));
  const stable = new Map<string, string>();
  for (const id of Object.keys(target)) {
    if (world.component(id).spec.kind === 'deployment') stable.set(id, world.fleet.get(id).stable.get(track) ?? before[id]!);
  }
  return (cause, out) => {
    const lines: string[] = [];
    // One for the loop itself, so that a rollout back that ends at once cannot report before the rest is done.
    let pending = 1;
    let failed = false;
    const settle = (): void => {
      if (--pending === 0 && !failed) out.done(lines.join('; '));
    };
    const unit = progress?.();
    const migrating = unit && unit.at < unit.phases.length && unit.phases[unit.at]!.kind === 'migrate' ? unit.phases[unit.at]!.changes : {};
    for (const [id, to] of Object.entries(target)) {
      const kind = world.component(id).spec.kind;
      if (kind === 'deployment') {
        const r = world.fleet.get(id).rollouts.get(track);
        if (r?.cause.kind !== 'action' || r.cause.id !== record.id) continue;
        pending++;
        abortRollout(world, id, track, stable.get(id)!, cause, {
          done: (note) => {
            if (note) lines.push(note);
            settle();
          },
          fail: (reason) => {
            if (!failed) out.fail(reason);
            failed = true;
          },
        });
      } else if (kind === 'database') {
        if (Object.hasOwn(migrating, id)) lines.push(`${id}'s migration to ${to} runs to its end (${MIGRATION_RUNS_TO_ITS_END.split(':')[0]}): migrate ${id} ${before[id]} goes back`);
        else if (world.versionOf(id) !== before[id]) lines.push(`${id} stays at schema ${world.versionOf(id)}: an abort does not undo a migration (migrate ${id} ${before[id]} does)`);
      } else if (world.versionOf(id) !== before[id]) {
        world.setVersion(id, before[id]!, cause);
        lines.push(`${id} switched back to ${before[id]}`);
      } else if (to !== before[id]) {
        lines.push(`${id} never switched: it stays at ${before[id]}`);
      }
    }
    settle();
  };
}
