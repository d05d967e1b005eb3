import { formatPath, type Path } from './source.js';
import type { ScenarioInput } from './scenario-schema.js';

/**
 * The entry a file names, if the file defines it: never a property every object inherits, so
 * a release called `constructor` or a registry called `toString` is unknown, as it should be.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export interface DuplicateId {
  path: Path;
  message: string;
}

/**
 * Lists whose entries are told apart by an id: two with the same id would make every later
 * reference, alert, report line and unstable state ambiguous. Keys of a mapping are unique
 * already (a duplicate key is refused when the YAML is read).
 */
export function duplicateIds(input: ScenarioInput): DuplicateId[] {
  const out: DuplicateId[] = [];
  const check = <T>(items: readonly T[], path: Path, idOf: (item: T) => string, what: string): void => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const id = idOf(item);
      const seen = first.get(id);
      if (seen === undefined) first.set(id, i);
      else out.push({ path: [...path, i], message: `duplicate ${what} '${id}': ${formatPath([...path, seen])} has it already` });
    });
  };
  const rules = [
    ...input.rules.map((r, i) => ({ id: r.id, path: ['rules', i] as Path })),
    ...input.faults.flatMap((f, i) => ('rule' in f ? [{ id: f.rule.id, path: ['faults', i, 'rule'] as Path }] : [])),
  ];
  const firstRule = new Map<string, Path>();
  const unique = (r: { id: string; path: Path }): void => {
    const seen = firstRule.get(r.id);
    if (seen === undefined) firstRule.set(r.id, r.path);
    else out.push({ path: [...r.path, 'id'], message: `duplicate rule id '${r.id}': ${formatPath(seen)} has it already` });
  };
  for (const r of rules) unique(r);
  // An inject's rule may repeat a fault's (a twist both scripted and on the facilitator's list,
  // as a fuzzer writes it), but never a scenario rule's or another inject's.
  for (const id of input.faults.flatMap((f) => ('rule' in f ? [f.rule.id] : []))) firstRule.delete(id);
  input.injects.forEach((j, i) => {
    if ('rule' in j.fault) unique({ id: j.fault.rule.id, path: ['injects', i, 'fault', 'rule'] });
  });
  check(input.monitors, ['monitors'], (m) => m.id, 'monitor id');
  check(input.injects, ['injects'], (j) => j.id, 'inject id');
  check(input.traffic.routes, ['traffic', 'routes'], (r) => r.name, 'route name');
  for (const [id, c] of Object.entries(input.components)) {
    if (!c.database) continue;
    const at: Path = ['components', id, 'database'];
    check(c.database.tables, [...at, 'tables'], (t) => t.name, 'table name');
    check(c.database.backups, [...at, 'backups'], (b) => b.id, 'backup id');
    // Two ways up (or down) from one schema would leave the migration path to chance.
    check(c.database.migrations, [...at, 'migrations'], (m) => m.from, 'migration from schema');
    check(c.database.migrations, [...at, 'migrations'], (m) => m.to, 'migration to schema');
  }
  return out;
}
