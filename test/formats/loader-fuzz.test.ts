import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { Drill } from '../../src/core/drill.js';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { InputError } from '../../src/formats/source.js';
import { SCENARIOS } from '../helpers.js';

const read = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
const SCENARIO_FILES = read(SCENARIOS);
const PLAYBOOK_FILES = read(join(SCENARIOS, 'playbooks'));

// A hang, not a speed goal: how fast bad input is refused is measured by `npm run bench -- input`.
const LOAD_BUDGET_MS = 10_000;

type Loader = (text: string, file: string) => unknown;

/**
 * Loads one document: it either loads, or fails with problems that each name the file, a line
 * and a column from 1, and say something. Anything else (a TypeError, a RangeError, a hang) is a bug.
 */
function loadCleanly(load: Loader, text: string): unknown {
  const started = performance.now();
  let loaded: unknown;
  try {
    loaded = load(text, 'fuzzed.yaml');
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`${(e as Error).constructor.name} escaped the loader: ${(e as Error).message}\n--- input ---\n${text.slice(0, 2000)}`);
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      expect(p.file).toBe('fuzzed.yaml');
      expect(Number.isInteger(p.line) && p.line >= 1, `line ${p.line}`).toBe(true);
      expect(Number.isInteger(p.column) && p.column >= 1, `column ${p.column}`).toBe(true);
      expect(p.message.trim().length).toBeGreaterThan(0);
      expect(p.message).not.toMatch(/\n\s+at |Maximum call stack|undefined is not|Cannot read prop/);
    }
  }
  expect(performance.now() - started, 'milliseconds to load').toBeLessThan(LOAD_BUDGET_MS);
  return loaded;
}

/** A scenario that loads runs: a minute of its drill neither throws nor stalls. */
function runs(loaded: unknown): void {
  if (!loaded) return;
  const drill = new Drill((loaded as ReturnType<typeof loadScenario>).spec, 1);
  drill.advance(60_000);
}

/** Words that break naive code: inherited property names, YAML specials, numbers at the edges. */
const NASTY = [
  'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'null', '~', '.nan', '.inf', '-.inf', '-1', '0', '1e400', '-0',
  '""', "''", '[]', '{}', '*a', '&a x', '!!binary aGk=', '!!set {a}', '!!omap [a: 1]', '!!timestamp 2001-12-14', '!foo x', '<<: *a',
  'true', 'no', '0x1F', '2.10', '"2.15"', '5m', '0s', '25%', '1000%', 'x'.repeat(5000), '\u00e9\u{1F525}', '$missing.key', '>= 2.15',
];

/** Names a file already uses (ids, versions, keys): swapping one for another confuses references, not syntax. */
const NAMES = [...new Set([...SCENARIO_FILES, ...PLAYBOOK_FILES].flatMap((t) => [...t.matchAll(/[A-Za-z][A-Za-z0-9_.-]*/g)].map((m) => m[0])))].sort();

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

/** Ways to damage a valid file: what hand edits, bad merges and truncations do. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('replace-word' as const), at: fc.nat(), with: token }),
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), with: fc.string({ maxLength: 8, unit: fc.constantFrom(...'{}[]:,-?&*!|>\'"#%@` \n\t') }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

type Mutation = { kind: string; at: number; to?: number; by?: number; with?: string };

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % lines.length;
  switch (m.kind) {
    case 'replace-word': {
      const words = [...text.matchAll(/[A-Za-z0-9_.$-]+/g)];
      const w = words[m.at % Math.max(1, words.length)];
      if (!w) return text;
      return text.slice(0, w.index) + m.with + text.slice(w.index + w[0].length);
    }
    case 'delete-line':
      return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    case 'duplicate-line':
      return [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n');
    case 'swap-lines': {
      const j = (m.to ?? 0) % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 'indent':
      lines[i] = (m.by ?? 0) >= 0 ? ' '.repeat(m.by ?? 0) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-(m.by ?? 0)}}`), '');
      return lines.join('\n');
    case 'insert':
      return text.slice(0, m.at % (text.length + 1)) + m.with + text.slice(m.at % (text.length + 1));
    default:
      return text.slice(0, m.at % (text.length + 1));
  }
}

/**
 * A structured edit of a valid document: a value replaced, a field removed or added, at any
 * depth. Names (string values) are the likeliest target: references are where a loader that
 * checks only types goes wrong.
 */
const edit = fc.record({
  at: fc.nat(),
  onName: fc.boolean(),
  action: fc.constantFrom('set', 'set', 'delete', 'add'),
  value: fc.oneof({ weight: 3, arbitrary: token }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
});

function editDocument(text: string, e: { at: number; onName: boolean; action: string; value: unknown }): string {
  const doc = parse(text) as unknown;
  const nodes: [Record<string, unknown> | unknown[], string | number][] = [];
  const names: typeof nodes = [];
  const walk = (node: unknown): void => {
    const visit = (parent: Record<string, unknown> | unknown[], key: string | number, v: unknown): void => {
      nodes.push([parent, key]);
      if (typeof v === 'string' && v.length < 60) names.push([parent, key]);
      walk(v);
    };
    if (Array.isArray(node)) node.forEach((v, i) => visit(node, i, v));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) visit(node as Record<string, unknown>, k, v);
  };
  walk(doc);
  if (nodes.length === 0) return text;
  const pool = e.onName && names.length > 0 ? names : nodes;
  const [parent, key] = pool[e.at % pool.length]!;
  const target = parent as Record<string | number, unknown>;
  if (e.action === 'set') target[key] = e.value;
  else if (e.action === 'delete') delete target[key];
  else if (!Array.isArray(parent)) Object.defineProperty(target, String(e.value).slice(0, 40) || 'extra', { value: e.value, enumerable: true, writable: true, configurable: true });
  return stringify(doc);
}

/** Characters that make YAML interesting, and some that make it binary. */
const yamlish = fc.string({ maxLength: 400, unit: fc.constantFrom(...'abc:-{}[],&*!|>\'"#%@`?\n  \t0129.$~\\', '\u0000', '\u00e9', '\uFEFF') });

/** About 2,500 documents in all: enough to catch a regression, few enough for every run of the suite. */
const TEXT_RUNS = 500;
const FILE_RUNS = 350;

describe('loading arbitrary documents', () => {
  it('turns random YAML-ish text into a scenario or clean input errors', () => {
    fc.assert(fc.property(yamlish, (text) => void loadCleanly(loadScenario, text)), { numRuns: TEXT_RUNS });
  }, 60_000);

  it('turns random bytes, read as UTF-8, into clean input errors', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => void loadCleanly(loadScenario, Buffer.from(bytes).toString('utf8'))), {
      numRuns: 300,
    });
  }, 60_000);

  it('turns random JSON and YAML structures into clean input errors', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.constantFrom('id', 'title', 'components', 'releases', 'traffic', 'name', 'steps', 'triggers', 'x'), fc.jsonValue({ maxDepth: 3 }))), fc.boolean(), (value, asJson) => {
        const text = asJson ? JSON.stringify(value) ?? 'null' : stringify(value);
        loadCleanly(loadScenario, text);
        loadCleanly(loadPlaybook, text);
      }),
      { numRuns: TEXT_RUNS },
    );
  }, 60_000);

  it('turns damaged library scenarios into scenarios that run, or clean input errors', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIO_FILES), fc.array(mutation, { minLength: 1, maxLength: 3 }), (text, ms) => {
        runs(loadCleanly(loadScenario, ms.reduce(mutate, text)));
      }),
      { numRuns: FILE_RUNS },
    );
  }, 60_000);

  it('turns library scenarios edited at any depth into scenarios that run, or clean input errors', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIO_FILES), fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        runs(loadCleanly(loadScenario, edits.reduce(editDocument, text)));
      }),
      { numRuns: FILE_RUNS },
    );
  }, 60_000);

  it('turns damaged and edited library playbooks into playbooks or clean input errors', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLAYBOOK_FILES), fc.array(mutation, { maxLength: 3 }), fc.array(edit, { maxLength: 2 }), (text, ms, edits) => {
        const edited = edits.length > 0 ? edits.reduce(editDocument, text) : text;
        loadCleanly(loadPlaybook, ms.reduce(mutate, edited));
      }),
      { numRuns: FILE_RUNS },
    );
  }, 60_000);
});

/** Durations at the edges: around a second, between ticks, at and past the limits, too long to count. */
const EDGE_DURATIONS: (string | number)[] = [
  '0s', '1ms', '999ms', '1s', '1001ms', '1.5s', '59999ms', '60s', '61.5s', '7200999', '1.333h', '2h', '6h',
  '30d', '30d1ms', '31d', '365d', '366d', `${'9'.repeat(400)}s`, 0, 1, 999, 1000, 1001, 1.5, -1, 1e300,
];

/** The duration fields a scenario has at the top and in each fault. */
function durationFields(doc: Record<string, unknown>): [Record<string, unknown>, string][] {
  const out: [Record<string, unknown>, string][] = ['horizon', 'target', 'settle', 'escalation'].map((k) => [doc, k]);
  for (const f of (doc.faults as Record<string, unknown>[] | undefined) ?? []) for (const k of ['at', 'for', 'ramp']) out.push([f, k]);
  return out;
}

/** Kernel steps a drill of this horizon may take: a few per simulated second (the library needs under 3), and room for bursts. */
const stepBound = (horizonMs: number): number => 50 * Math.ceil(horizonMs / 1000) + 100_000;

/** Past this, a drill is only loaded: a month of simulated time takes seconds, and the end check depends on alignment, not length. */
const RUN_HORIZON_MS = 6 * 3_600_000;

describe('durations and horizons at the edges', () => {
  it('are refused with their place, or give a drill that ends within a bounded number of kernel steps', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIO_FILES), fc.array(fc.record({ at: fc.nat(), value: fc.constantFrom(...EDGE_DURATIONS) }), { minLength: 1, maxLength: 3 }), (text, edits) => {
        const doc = parse(text) as Record<string, unknown>;
        const fields = durationFields(doc);
        for (const e of edits) {
          const [target, key] = fields[e.at % fields.length]!;
          target[key] = e.value;
        }
        const loaded = loadCleanly(loadScenario, stringify(doc)) as ReturnType<typeof loadScenario> | undefined;
        if (!loaded || loaded.spec.horizonMs > RUN_HORIZON_MS) return;
        const drill = new Drill(loaded.spec, 1);
        for (let i = 0; i < 3 && !drill.done; i++) drill.advance(loaded.spec.horizonMs);
        expect(drill.done, `horizon ${loaded.spec.horizonMs} ms`).toBe(true);
        expect(drill.world.kernel.steps).toBeLessThanOrEqual(stepBound(loaded.spec.horizonMs));
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
