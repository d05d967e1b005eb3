import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { helpIndex } from '../../src/core/command-line.js';
import { BUILTIN_METRICS } from '../../src/core/metric-table.js';
import { HINT_STEP_MS } from '../../src/formats/hints.js';
import { PATTERNS } from '../../src/formats/patterns.js';
import { MAX_HINTS, MIN_HINTS } from '../../src/formats/scenario-schema.js';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { SCENARIOS } from '../helpers.js';

const guide = readFileSync(join(SCENARIOS, 'README.md'), 'utf8');

describe('the scenario guide', () => {
  it('documents every operator command with the usage its declaration gives', () => {
    const table = guide.slice(guide.indexOf('## Operator commands'), guide.indexOf('## Playbooks'));
    for (const { name, usage } of helpIndex()) expect(table, name).toContain(`| \`${usage.replaceAll('|', '\\|')}\` |`);
  });

  it('lists every built-in metric with its unit and which way is better', () => {
    for (const m of BUILTIN_METRICS) expect(guide, m.name).toContain(`| \`${m.name}\` | ${m.unit} | ${m.good} |`);
  });

  it('lists every rollback pattern with what it teaches', () => {
    const table = guide.slice(guide.indexOf('### Patterns'), guide.indexOf('### Routes'));
    for (const [name, teaches] of Object.entries(PATTERNS)) expect(table, name).toContain(`| \`${name}\` | ${teaches} |`);
  });

  it('states the hint rules the loader applies', () => {
    const section = guide.slice(guide.indexOf('### Hints'), guide.indexOf('### Patterns'));
    expect(section).toContain(`Write ${MIN_HINTS} to ${MAX_HINTS}`);
    expect(HINT_STEP_MS, 'the guide says one minute: update it with the step').toBe(60_000);
    expect(section).toContain('unlocks one minute after the hint\nbefore it');
  });
});

/** The guide's system, and each example's change to it, as written in fenced `yaml guide-...` blocks. */
const blocks = [...guide.matchAll(/```yaml (guide-base|guide-example)\n([\s\S]*?)```/g)].map((m) => ({ kind: m[1]!, data: parse(m[2]!) as Record<string, unknown> }));

/** Mappings merge; anything else (a list, a value) replaces what the system had. */
function merge(base: unknown, change: unknown): unknown {
  const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isMap(base) || !isMap(change)) return change;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(change)) out[k] = k in base ? merge(base[k], v) : v;
  return out;
}

interface Expect {
  verdict: 'PASS' | 'FAIL';
  mitigated?: boolean;
  recovered?: boolean;
  reasons?: string[];
  timeline?: string[];
}

describe('the guide’s examples', () => {
  const base = blocks.find((b) => b.kind === 'guide-base')!.data;
  const examples = blocks.filter((b) => b.kind === 'guide-example').map((b) => b.data as { scenario: unknown; playbook: { name: string }; expect: Expect });

  it('cover every mechanism the guide promises', () => {
    const verbs = examples.flatMap((e) => JSON.stringify(e.playbook).match(/run":"[a-z-]+/g) ?? []).map((r) => r.slice(6));
    for (const verb of ['flag', 'set', 'fallback', 'rollback-release', 'verify', 'scale']) expect(verbs, verb).toContain(verb);
    const text = JSON.stringify(examples);
    for (const field of ['"settings"', '"fallback"', '"budget"', '"retry"', '"queue"', '"suites"', '"format"', '"scaleBy"', '"atomic"', '$checkout-config.', '"mitigated":true']) expect(text, field).toContain(field);
  });

  it.each(examples.map((e) => [e.playbook.name, e] as const))('%s does what the guide says, on every seed', (_name, e) => {
    const scenario = loadScenario(stringify(merge(base, e.scenario)), 'guide-example.yaml');
    const playbook = loadPlaybook(stringify(e.playbook), 'guide-playbook.yaml');
    for (const seed of [1, 2, 3]) {
      const r = drillPlaybook(scenario, playbook, seed).session.result();
      const at = `seed ${seed}: ${r.reasons.join(' | ')}`;
      expect(r.verdict, at).toBe(e.expect.verdict);
      if (e.expect.mitigated !== undefined) expect(r.mitigateMs !== null, at).toBe(e.expect.mitigated);
      if (e.expect.recovered !== undefined) expect(r.recoverMs !== null, at).toBe(e.expect.recovered);
      for (const reason of e.expect.reasons ?? []) expect(r.reasons.join('\n'), at).toContain(reason);
      for (const line of e.expect.timeline ?? []) expect(r.timeline.map((t) => t.text).join('\n'), at).toContain(line);
    }
  });
});
