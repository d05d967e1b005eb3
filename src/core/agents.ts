import type { Cause } from './cause.js';
import { destroyBackups, loseTable, type Database } from './data.js';
import type { AgentActionSpec, BackupScope, GuardrailSpec } from './spec.js';
import type { World } from './world.js';

/** The privilege each destructive agent action needs on its token. */
const NEEDS: Record<AgentActionSpec['kind'], string> = {
  'drop-table': 'sql:ddl',
  destroy: 'infra:destroy',
  'delete-volume': 'volume:delete',
};

/** Which backups a deletion takes with it. */
const REACH: Record<AgentActionSpec['kind'], BackupScope[]> = {
  'drop-table': [],
  destroy: ['volume', 'account'],
  'delete-volume': ['volume'],
};

export function describeAgentAction(a: AgentActionSpec): string {
  switch (a.kind) {
    case 'drop-table':
      return `DROP TABLE ${a.table} on ${a.database}`;
    case 'destroy':
      return `destroy of ${a.databases.join(', ')} (infrastructure state looked empty)`;
    case 'delete-volume':
      return `delete of the volume under ${a.database}${a.bypassDelayedDelete ? ' through a path that skips delayed delete' : ''}`;
  }
}

/** Why a guardrail stops this action, or null when nothing does. */
export function guardrailVerdict(world: World, agentId: string, action: AgentActionSpec, g: GuardrailSpec = world.spec.guardrails): string | null {
  const agent = world.agents.get(agentId);
  if (!agent) return `unknown agent ${agentId}`;
  if (agent.revoked) return `${agentId}'s token was revoked`;
  if (g.leastPrivilege || !agent.privileges.includes(NEEDS[action.kind])) {
    return `${agentId}'s token lacks ${NEEDS[action.kind]} (least privilege)`;
  }
  if (g.confirmDestructive) return 'destructive commands wait for a human to confirm';
  if (action.kind === 'destroy' && g.remoteState) {
    return 'remote versioned state lists the live resources: the destroy plan is refused';
  }
  const targets = action.kind === 'destroy' ? action.databases : [action.database];
  const locked = targets.filter((t) => g.deletionProtection.includes(t));
  if (action.kind !== 'drop-table' && locked.length > 0) return `deletion protection on ${locked.join(', ')}`;
  return null;
}

/**
 * The guardrails that, each on its own, would have stopped an action that ran (or, for a
 * delete that skipped delayed delete, made it recoverable).
 */
export function guardrailsThatWouldHaveStopped(world: World, agentId: string, action: AgentActionSpec): string[] {
  const g = world.spec.guardrails;
  const targets = action.kind === 'destroy' ? action.databases : [action.database];
  const options: [string, GuardrailSpec][] = [
    [`least privilege: a token without ${NEEDS[action.kind]}`, { ...g, leastPrivilege: true }],
    ['a human confirmation before destructive commands', { ...g, confirmDestructive: true }],
  ];
  if (action.kind === 'destroy') options.push(['remote, versioned infrastructure state', { ...g, remoteState: true }]);
  if (action.kind !== 'drop-table') options.push([`deletion protection on ${targets.join(', ')}`, { ...g, deletionProtection: [...targets] }]);
  const out = options.filter(([, hypothetical]) => guardrailVerdict(world, agentId, action, hypothetical) !== null).map(([text]) => text);
  if (action.kind === 'delete-volume' && action.bypassDelayedDelete) out.push('a delayed delete that no API path can skip');
  return out;
}

/** Carries out an agent's scripted action unless a guardrail blocks it. */
export function runAgentAction(world: World, agentId: string, action: AgentActionSpec): void {
  const blocked = guardrailVerdict(world, agentId, action);
  const what = describeAgentAction(action);
  world.agentRuns.push({ tMs: world.now, agent: agentId, action, blocked });
  if (blocked) {
    world.note('agent', `${agentId} tried ${what}: blocked (${blocked})`);
    return;
  }
  world.note('agent', `${agentId} ran ${what}`);
  const cause: Cause = { kind: 'agent', agent: agentId };
  if (action.kind === 'drop-table') {
    const db = world.databases.get(action.database)!;
    const table = db.tables.find((t) => t.name === action.table)!;
    loseTable(table, world.now, db.spec.softDeleteMs);
    world.note('data', `${db.id}.${table.name}: ${table.lostRows} rows dropped${db.spec.softDeleteMs > 0 ? ' (soft delete keeps them recoverable)' : ''}`);
    world.changed(cause);
    return;
  }
  const targets = action.kind === 'destroy' ? action.databases : [action.database];
  const delayMs = world.spec.guardrails.delayedDeleteMs;
  for (const id of targets) {
    const db = world.databases.get(id)!;
    if (action.kind === 'delete-volume' && delayMs > 0 && !action.bypassDelayedDelete) {
      db.state = 'deleting';
      world.note('data', `${id}: deletion scheduled in ${Math.round(delayMs / 60_000)} min (delayed delete); undelete cancels it`);
      world.kernel.after(delayMs, () => {
        if (db.state === 'deleting') deleteDatabase(world, db, REACH[action.kind], agentId);
      });
    } else {
      deleteDatabase(world, db, REACH[action.kind], agentId);
    }
  }
  world.changed(cause);
}

function deleteDatabase(world: World, db: Database, reach: readonly BackupScope[], by: string): void {
  for (const t of db.tables) loseTable(t, world.now, 0);
  db.state = 'deleted';
  const gone = destroyBackups(db, reach, by);
  const rows = db.tables.reduce((s, t) => s + (t.lostRows ?? 0), 0);
  world.note('data', `${db.id} deleted with ${rows} rows${gone.length > 0 ? `; backups destroyed with it: ${gone.join(', ')}` : ''}`);
  world.changed({ kind: 'agent', agent: by });
}
