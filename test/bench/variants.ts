import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadPlaybook, type Playbook } from '../../src/formats/playbook.js';
import { loadScenario, type Scenario } from '../../src/formats/scenario.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** The first incident of DESIGN.md (code rolled back, database not): what the growth curves vary. */
export const FIRST_INCIDENT = 'payment-schema-rollback';

export type Kind = 'naive' | 'reference';

/** One dimension of the first incident changed; the rest as written. */
export interface Variant {
  /** Replicas of the serving deployment, on a pool of exactly as many slots (as written: 200). */
  replicas?: number;
  /** Routes: the written stable route plus routes-1 more on the same pods, splitting half the users. */
  routes?: number;
  /** Users hashed into buckets (as written: the schema's default, 10,000). */
  users?: number;
}

export function describeVariant(v: Variant): string {
  const parts = [];
  if (v.replicas !== undefined) parts.push(`${v.replicas.toLocaleString('en')} replicas`);
  if (v.routes !== undefined) parts.push(`${v.routes.toLocaleString('en')} routes`);
  if (v.users !== undefined) parts.push(`${v.users.toLocaleString('en')} users`);
  return parts.join(', ') || 'as written';
}

/**
 * The first incident's YAML with one dimension changed, loaded like any scenario file (and so
 * held to the same limits: the 800-route variant stays under the 32 KiB file size).
 */
export function variantText(v: Variant): string {
  const doc = parseDocument(readFileSync(join(ROOT, 'scenarios', `${FIRST_INCIDENT}.yaml`), 'utf8'));
  if (v.replicas !== undefined) {
    doc.setIn(['pools', 'payments'], v.replicas);
    doc.setIn(['components', 'payment-api', 'deployment', 'replicas'], v.replicas);
  }
  if (v.users !== undefined) doc.setIn(['traffic', 'users'], v.users);
  if (v.routes !== undefined && v.routes > 1) {
    const weight = addedRouteWeight(v.routes);
    const routes = [{ name: 'stable' }, ...Array.from({ length: v.routes - 1 }, (_, i) => ({ name: `r${i + 1}`, weight }))];
    doc.setIn(['traffic', 'routes'], doc.createNode(routes, { flow: true }));
  }
  return doc.toString({ lineWidth: 0 });
}

/**
 * The share of users each route added to the stable one serves: half the users split among
 * them, each the same whole number of buckets, so their weights stay exact.
 */
export function addedRouteWeight(routes: number): number {
  return Math.max(1, Math.floor(5_000 / (routes - 1))) / 10_000;
}

export function variantScenario(v: Variant): Scenario {
  return loadScenario(variantText(v), `${FIRST_INCIDENT} (${describeVariant(v)})`);
}

export function firstIncidentPlaybook(kind: Kind): Playbook {
  const written = loadScenario(readFileSync(join(ROOT, 'scenarios', `${FIRST_INCIDENT}.yaml`), 'utf8'), FIRST_INCIDENT);
  const name = written.meta.playbooks[kind];
  return loadPlaybook(readFileSync(join(ROOT, 'scenarios', 'playbooks', `${name}.yaml`), 'utf8'), name);
}
