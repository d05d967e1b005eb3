import fc from 'fast-check';
import { describe, it } from 'vitest';
import { kindsOf, type ArgKind, type ValueDecl } from '../../src/core/actions/declaration.js';
import { offers } from '../../src/core/actions/kinds.js';
import { VERBS } from '../../src/core/actions/verbs.js';
import type { Command } from '../../src/core/commands.js';
import { Drill } from '../../src/core/drill.js';
import type { Stack } from '../../src/core/rules.js';
import { settableKeys } from '../../src/core/settable.js';
import type { World } from '../../src/core/world.js';
import { LIBRARY } from '../drill-cases.js';
import { scenario } from '../helpers.js';

/**
 * Whatever a team types, in whatever order, the rules only ever see versions that run: a
 * deployment's version is one its pods run, a database's its schema, a pointer's its target
 * (or a route's own), and what a version brings comes with it. Commands are drawn from the
 * catalogue with words the world offers, and also with every key of the stack, to try to forge it.
 */

const VALUE_WORDS: Partial<Record<ArgKind, string[]>> = {
  duration: ['5s', '1m', '20m'],
  share: ['0', '10', '50', '100'],
  percent: ['3', '10%'],
  count: ['0', '1', '25%', '100%'],
  number: ['0', '3'],
  replicas: ['0', '3', '200'],
  value: ['on', 'off', '2.14', 'own', '5', 'v1'],
  text: ['why'],
};

const verbs = [...VERBS.values()];

function words(world: World, decl: ValueDecl, of: string | undefined): string[] {
  const out = new Set(offers(world, decl, of, ''));
  for (const k of kindsOf(decl)) for (const w of VALUE_WORDS[k] ?? []) out.add(w);
  if (kindsOf(decl).includes('setting')) for (const key of Object.keys(world.stacks.baseStack())) out.add(key);
  return [...out].sort();
}

/** A command built from numbers: which verb, which words, which options. */
function command(world: World, picks: number[]): Command {
  let i = 0;
  const next = (): number => picks[i++ % picks.length]!;
  const verb = verbs[next() % verbs.length]!;
  const args: string[] = [];
  for (const a of verb.args) {
    if (a.optional && next() % 2 === 0) break;
    const of = a.of === undefined ? undefined : args[verb.args.findIndex((x) => x.name === a.of)];
    const choices = [...words(world, a, of), ...(a.choices ?? [])];
    if (choices.length === 0) break;
    args.push(choices[next() % choices.length]!);
  }
  const options: Record<string, string> = {};
  for (const o of verb.options) {
    if (next() % 3 !== 0) continue;
    if (!o.value) options[o.name] = 'true';
    else {
      const of = o.value.of === undefined ? undefined : args[verb.args.findIndex((x) => x.name === o.value!.of)];
      const choices = [...words(world, o.value, of), ...(o.value.choices ?? [])];
      if (choices.length > 0) options[o.name] = choices[next() % choices.length]!;
    }
  }
  return { verb: verb.name, args, options };
}

/** Every way a stack the rules read differs from what runs, in words. */
function desyncs(world: World): string[] {
  const out: string[] = [];
  const settable = new Set(settableKeys(world.spec));
  for (const key of world.settings.keys()) if (!settable.has(key)) out.push(`setting ${key} is not settable`);
  const stacks: [string, Stack][] = [['base', world.stacks.baseStack()]];
  for (const live of world.stacks.liveStacks()) stacks.push([live.label, live.stack]);
  for (const route of world.liveRoutes()) for (const g of world.stacks.routeGroups(route)) stacks.push([`${route.name} serving ${g.version}`, g.stack]);
  for (const [label, stack] of stacks) {
    for (const c of world.components.values()) {
      const id = c.spec.id;
      const seen = stack[id];
      const where = `${label}: ${id} ${String(seen)}`;
      if (seen === undefined) {
        if (c.spec.kind !== 'deployment') out.push(`${where}: missing`);
        continue;
      }
      const version = String(seen);
      const pointers = new Set([c.version, ...world.routes.map((r) => r.overrides[id]).filter((v) => v !== undefined)]);
      let attrs: Readonly<Record<string, unknown>> = c.spec.versions[version] ?? {};
      if (c.spec.kind === 'deployment') {
        const running = [...world.fleet.tracks(id)].some((t) => {
          const counts = world.fleet.versionCounts(id, t).get(version);
          return counts !== undefined && counts.starting + counts.ready + counts.crashloop + counts.terminating > 0;
        });
        if (!running) out.push(`${where}: no pod runs it`);
      } else if (c.spec.kind === 'database') {
        if (version !== world.databases.get(id)!.schema) out.push(`${where}: the schema is ${world.databases.get(id)!.schema}`);
      } else if (c.spec.kind === 'model') {
        const ref = String(stack[`${id}.ref`]);
        const resolved = world.registries.get(c.spec.registry!)!.resolve(ref, world.now);
        if (!pointers.has(ref) || resolved.version !== version) out.push(`${where}: points at ${[...pointers].join(' or ')}`);
        attrs = resolved.attrs;
      } else if (!pointers.has(version)) {
        out.push(`${where}: points at ${[...pointers].join(' or ')}`);
      }
      if (c.spec.kind === 'config') continue;
      for (const [attr, value] of Object.entries(attrs)) {
        if (stack[`${id}.${attr}`] !== value) out.push(`${label}: ${id}.${attr} is ${String(stack[`${id}.${attr}`])}, ${version} brings ${String(value)}`);
      }
    }
  }
  return out;
}

const step = fc.record({
  waitS: fc.integer({ min: 0, max: 150 }),
  inject: fc.integer({ min: 0, max: 5 }),
  picks: fc.array(fc.nat({ max: 1000 }), { minLength: 8, maxLength: 8 }),
});

describe('what the rules see', () => {
  it('is always what runs, whatever commands and injects come in whatever order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LIBRARY), fc.integer({ min: 1, max: 1000 }), fc.array(step, { minLength: 1, maxLength: 14 }), (id, seed, steps) => {
        const s = scenario(id);
        const drill = new Drill(s.spec, seed);
        const check = (when: string): void => {
          const found = desyncs(drill.world);
          if (found.length > 0) throw new Error(`${id} seed ${seed} ${when} at ${drill.now} ms: ${found.join('; ')}`);
        };
        for (const st of steps) {
          for (let t = 0; t < st.waitS && !drill.done; t += 10) {
            drill.advance(10_000);
            check('while waiting');
          }
          if (drill.done) break;
          const inject = s.meta.injects[st.inject];
          if (inject && st.picks[0]! % 4 === 0) drill.inject(inject.fault);
          const cmd = command(drill.world, st.picks);
          drill.submit(cmd, 'team');
          check(`after ${cmd.verb} ${cmd.args.join(' ')}`);
        }
        for (let t = 0; t < 20 && !drill.done; t++) {
          drill.advance(30_000);
          check('after the last command');
        }
      }),
      { numRuns: 60 },
    );
  }, 240_000);
});
