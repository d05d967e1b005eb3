import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../src/core/actions/action.js';
import { parseCommand } from '../../src/core/commands.js';
import { Drill } from '../../src/core/drill.js';
import type { FaultAction } from '../../src/core/spec.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { ROOT } from '../helpers.js';

const WORLD = loadScenario(readFileSync(join(ROOT, 'test', 'fixtures', 'layered-world.yaml'), 'utf8'), 'layered-world.yaml').spec;
const COMPONENTS = WORLD.components.map((c) => c.id);
const VERSIONS: Record<string, string[]> = Object.fromEntries(WORLD.components.map((c) => [c.id, Object.keys(c.versions)]));
const DATED = WORLD.registries[0]!.versions.map((v) => v.id);
const RELEASES = WORLD.releases.map((r) => r.id);
/** Longer than any change of this world takes: rollouts of 8 pods, two migrations, a 30 s switch. */
const SETTLE_MS = 10 * 60_000;

/**
 * What the layers should run, kept the simple way: each component's version, the versions it
 * ran before (most recent last, each once, never the current one: what inspect lists), the
 * version each one replaced when it first ran (where a rollback goes), and where the provider's
 * aliases point.
 */
interface Model {
  versions: Record<string, string>;
  previous: Record<string, string[]>;
  firstReplaced: Record<string, Record<string, string | null>>;
  aliases: Record<string, string>;
}

interface Real {
  drill: Drill;
}

function initialModel(): Model {
  const release = (id: string): Readonly<Record<string, string>> => WORLD.releases.find((r) => r.id === id)!.versions;
  const versions = { ...release(WORLD.initialRelease) };
  const previous: Record<string, string[]> = {};
  const firstReplaced: Record<string, Record<string, string | null>> = {};
  for (const c of COMPONENTS) {
    previous[c] = [...new Set(WORLD.history.map((h) => release(h)[c]!).filter((v) => v !== versions[c]))];
    firstReplaced[c] = {};
    let before: string | null = null;
    for (const v of [...WORLD.history, WORLD.initialRelease].map((h) => release(h)[c]!)) {
      if (!Object.hasOwn(firstReplaced[c], v)) firstReplaced[c][v] = before;
      before = v;
    }
  }
  return { versions, previous, firstReplaced, aliases: { ...WORLD.registries[0]!.aliases } };
}

function moved(m: Model, component: string, version: string): void {
  // A database migrates one schema at a time, and runs each schema on the way.
  if (component === 'db') for (const step of schemasBetween(m.versions.db!, version)) switched(m, 'db', step);
  switched(m, component, version);
}

function switched(m: Model, component: string, version: string): void {
  const current = m.versions[component]!;
  if (current === version) return;
  if (!Object.hasOwn(m.firstReplaced[component]!, version)) m.firstReplaced[component]![version] = current;
  m.previous[component] = [...m.previous[component]!.filter((v) => v !== version && v !== current), current];
  m.versions[component] = version;
}

/** The schemas strictly between two of the chain 1 -> 2 -> 3, in the order a migration passes them. */
function schemasBetween(from: string, to: string): string[] {
  const [a, b] = [Number(from), Number(to)];
  const step = a < b ? 1 : -1;
  const out: string[] = [];
  for (let s = a + step; s !== b && a !== b; s += step) out.push(String(s));
  return out;
}

/** Submits a command and lets the world run until it has finished. */
function perform(r: Real, text: string): ActionRecord {
  const cmd = parseCommand(text);
  if ('error' in cmd) throw new Error(cmd.error);
  const record = r.drill.submit(cmd, 'test');
  const until = r.drill.now + 45 * 60_000;
  while (record.status === 'running' && r.drill.now < until) r.drill.advance(1000);
  return record;
}

function expectDone(record: ActionRecord): void {
  expect(`${record.text}: ${record.status}${record.reason ? ` (${record.reason})` : ''}`).toBe(`${record.text}: done`);
}

/** The world agrees with the model, and whatever has finished has left nothing behind. */
function agree(m: Model, r: Real): void {
  const { world } = r.drill;
  for (const c of COMPONENTS) {
    expect(world.versionOf(c), c).toBe(m.versions[c]);
    expect(world.component(c).history, `${c} history`).toEqual(m.previous[c]);
  }
  const ref = m.versions.llm!;
  expect(world.stacks.baseStack().llm, 'llm resolves').toBe(m.aliases[ref] ?? ref);
  const pods = world.fleet.get('api').pods;
  expect(pods.filter((p) => p.phase === 'ready' && p.version === m.versions.api).length, 'ready api pods at its version').toBe(8);
  expect(pods.every((p) => p.version === m.versions.api), `api pods at ${m.versions.api}: ${pods.map((p) => p.version)}`).toBe(true);
  const pool = world.fleet.pools.get('web')!;
  expect(pool.used).toBeLessThanOrEqual(pool.slots);
  const current = world.currentRelease();
  if (current !== undefined) expect(Object.entries(world.release(current).versions).every(([c, v]) => m.versions[c] === v), current).toBe(true);
}

class Deploy implements fc.Command<Model, Real> {
  constructor(
    readonly component: string,
    readonly version: string,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    expectDone(perform(r, `deploy ${this.component} ${this.version}`));
    moved(m, this.component, this.version);
    agree(m, r);
  }
  toString = (): string => `deploy ${this.component} ${this.version}`;
}

/** A version no component has, including names every object inherits: refused, and nothing moves. */
class DeployUnknown implements fc.Command<Model, Real> {
  constructor(
    readonly component: string,
    readonly version: string,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const record = perform(r, `deploy ${this.component} ${this.version}`);
    expect(record.status, `deploy ${this.component} ${this.version}`).toBe('rejected');
    expect(record.reason).toMatch(/unknown version/);
    agree(m, r);
  }
  toString = (): string => `deploy ${this.component} ${this.version}`;
}

class Rollback implements fc.Command<Model, Real> {
  constructor(readonly component: string) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    // One release further back: the version the current one replaced when it first ran.
    const target = m.firstReplaced[this.component]![m.versions[this.component]!] ?? undefined;
    const record = perform(r, `rollback ${this.component}`);
    if (target === undefined) {
      expect(record.status, `${this.component} has no earlier version`).toBe('rejected');
      expect(record.reason).toContain(`no version of ${this.component} before ${m.versions[this.component]} to roll back to`);
    } else {
      expectDone(record);
      moved(m, this.component, target);
    }
    agree(m, r);
  }
  toString = (): string => `rollback ${this.component}`;
}

class Release implements fc.Command<Model, Real> {
  constructor(
    readonly verb: 'rollback-release' | 'deploy-release',
    readonly release: string,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    expectDone(perform(r, `${this.verb} ${this.release}`));
    for (const [c, v] of Object.entries(r.drill.world.release(this.release).versions)) moved(m, c, v);
    agree(m, r);
    expect(r.drill.world.currentRelease()).toBe(this.release);
  }
  toString = (): string => `${this.verb} ${this.release}`;
}

class Atomic implements fc.Command<Model, Real> {
  constructor(readonly changes: [string, string][]) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    expectDone(perform(r, `atomic ${this.changes.map(([c, v]) => `${c}=${v}`).join(' ')}`));
    for (const [c, v] of this.changes) moved(m, c, v);
    agree(m, r);
  }
  toString = (): string => `atomic ${this.changes.map(([c, v]) => `${c}=${v}`).join(' ')}`;
}

class Pin implements fc.Command<Model, Real> {
  constructor(readonly dated: string) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    expectDone(perform(r, `pin llm ${this.dated}`));
    moved(m, 'llm', this.dated);
    agree(m, r);
  }
  toString = (): string => `pin llm ${this.dated}`;
}

/** A fault fired now, then time for it to take effect. */
class Fault implements fc.Command<Model, Real> {
  constructor(readonly fault: FaultAction) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    r.drill.inject(this.fault);
    r.drill.advance(SETTLE_MS);
    if (this.fault.type === 'set-version') moved(m, this.fault.component, this.fault.version);
    if (this.fault.type === 'move-alias') m.aliases[this.fault.alias] = this.fault.to;
    agree(m, r);
  }
  toString = (): string => `fault ${JSON.stringify(this.fault)}`;
}

class Wait implements fc.Command<Model, Real> {
  constructor(readonly seconds: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    r.drill.advance(this.seconds * 1000);
    agree(m, r);
  }
  toString = (): string => `wait ${this.seconds}s`;
}

const componentVersion = fc.constantFrom(...COMPONENTS).chain((c) => fc.constantFrom(...VERSIONS[c]!).map((v): [string, string] => [c, v]));

const commands = [
  componentVersion.map(([c, v]) => new Deploy(c, v)),
  fc.tuple(fc.constantFrom(...COMPONENTS), fc.constantFrom('9.9', 'constructor', 'toString', '__proto__', 'hasOwnProperty')).map(([c, v]) => new DeployUnknown(c, v)),
  fc.constantFrom(...COMPONENTS).map((c) => new Rollback(c)),
  fc.tuple(fc.constantFrom('rollback-release', 'deploy-release') as fc.Arbitrary<'rollback-release' | 'deploy-release'>, fc.constantFrom(...RELEASES)).map(([verb, r]) => new Release(verb, r)),
  fc.uniqueArray(componentVersion, { minLength: 2, maxLength: 3, selector: ([c]) => c }).map((changes) => new Atomic(changes)),
  fc.constantFrom(...DATED).map((d) => new Pin(d)),
  componentVersion.map(([component, version]) => new Fault({ type: 'set-version', component, version })),
  fc.constantFrom(...DATED).map((to) => new Fault({ type: 'move-alias', registry: 'provider', alias: 'm-latest', to })),
  fc.integer({ min: 1, max: 600 }).map((s) => new Wait(s)),
];

describe('the layers under random operator actions and faults', () => {
  it('run the versions a simple model of deploys, rollbacks, releases, pins and faults says they run', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 10 }), fc.integer({ min: 0, max: 100_000 }), (cmds, seed) => {
        fc.modelRun(() => ({ model: initialModel(), real: { drill: new Drill(WORLD, seed) } }), cmds);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
