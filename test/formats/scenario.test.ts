import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFit } from '../../src/drill/fit.js';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { HINT_STEP_MS } from '../../src/formats/hints.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { formatProblem, InputError } from '../../src/formats/source.js';
import { SCENARIOS } from '../helpers.js';

const base = readFileSync(join(SCENARIOS, 'payment-schema-rollback.yaml'), 'utf8');

/** The problems a scenario text produces, formatted as the CLI prints them. */
function problems(text: string, load: (t: string, f: string) => unknown = loadScenario): string[] {
  try {
    load(text, 'x.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('loading scenarios', () => {
  it('loads every built-in scenario and playbook', () => {
    for (const f of readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'))) {
      expect(problems(readFileSync(join(SCENARIOS, f), 'utf8')), f).toEqual([]);
    }
    const dir = join(SCENARIOS, 'playbooks');
    for (const f of readdirSync(dir)) expect(problems(readFileSync(join(dir, f), 'utf8'), loadPlaybook), f).toEqual([]);
  });

  it('names the file, line, column and field of an unknown field', () => {
    const text = base.replace('  rps: 300\n', '  rps: 300\n  rsp: 20\n');
    expect(problems(text)).toEqual([`x.yaml:${lineOf(text, 'rsp: 20')}:3: traffic.rsp: unknown field 'rsp'`]);
  });

  it('says what type was expected', () => {
    const text = base.replace('rps: 300', 'rps: lots');
    expect(problems(text)).toEqual([`x.yaml:${lineOf(text, 'rps: lots')}:8: traffic.rps: expected number, received string`]);
  });

  it('suggests the nearest component for a misspelt one', () => {
    const text = base.replace('r41: { payment-api: "2.14"', 'r41: { payment-ap: "2.14"');
    const out = problems(text);
    expect(out[0]).toMatch(/^x\.yaml:\d+:\d+: releases\.r41\.payment-ap: unknown component 'payment-ap'; did you mean 'payment-api'\?$/);
  });

  it('asks for quotes around a version YAML would read as a number', () => {
    const text = base.replace('versions: ["2.14", "2.15"]\n    deployment', 'versions: [2.14, 2.15]\n    deployment');
    expect(problems(text)[0]).toMatch(/components\.payment-api\.versions\[0\]: expected a version string: quote it \("2\.14"\)/);
  });

  it('explains a bad duration', () => {
    const text = base.replace('target: 5m', 'target: 5 minutes');
    expect(problems(text)[0]).toMatch(/target: expected a duration such as 500ms, 90s, 2m, 1h30m or 4\.5d, got "5 minutes"/);
  });

  it('reports a missing required field at its parent', () => {
    const text = base.replace(/^title: .*\n/m, '');
    expect(problems(text)).toEqual([`x.yaml:${lineOf(text, 'id: ')}:1: title: missing required field (expected string)`]);
  });

  it('points at the line of a YAML syntax error', () => {
    const text = base.replace('rps: 300', 'rps: [300');
    expect(problems(text)[0]).toMatch(/^x\.yaml:\d+:\d+: /);
  });

  it('refuses empty, binary, huge, deeply nested and alias-bomb files with a clear message', () => {
    expect(problems('')).toEqual(['x.yaml:1:1: file is empty: expected a YAML mapping']);
    expect(problems('id: a\u0000b')).toEqual(['x.yaml:1:1: this is a binary file, not YAML']);
    expect(problems(`a: ${'x'.repeat(140_000)}`)[0]).toMatch(/larger than 32 KiB \(32768 bytes\), the limit for scenarios and playbooks/);
    expect(problems(`${'['.repeat(200)}${']'.repeat(200)}`)[0]).toMatch(/nesting is too deep/);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(problems(bomb)[0]).toMatch(/alias/);
  });

  it('rejects rules over stack keys that name nothing in the world', () => {
    const text = base.replace('when: { payment-api: "2.15" }', 'when: { payment-apy: "2.15" }');
    expect(problems(text)[0]).toMatch(/rules\[0\]\.when\.payment-apy: unknown stack key 'payment-apy'; did you mean 'payment-api'\?/);
  });

  it('refuses a relative condition on a metric with no baseline to be a percent of', () => {
    const text = base.replace('    above: 0.01\n    window: 1m\n    for: 2m\n', '    above: 0.01\n    window: 1m\n    for: 2m\n  - { id: queue-grows, metric: queue, risePct: 50, window: 1m }\n');
    const line = lineOf(text, 'queue-grows');
    const column = text.split('\n')[line - 1]!.indexOf('50') + 1;
    expect(problems(text)).toEqual([`x.yaml:${line}:${column}: monitors[1].risePct: queue is normally 0, so a change in percent of it means nothing: use above or below`]);
  });

  it('refuses a playbook whose relative trigger reads a metric with no baseline in the scenario it runs on', () => {
    const p = loadPlaybook(['name: p', 'triggers:', '  - { metric: retries, risePct: 20, window: 1m }', 'steps:', '  - run: rollback-release'].join('\n'), 'p.yaml');
    const s = loadScenario(base, 'x.yaml');
    expect(() => checkFit(p, s)).toThrow(/p\.yaml:3:15: triggers\[0\]\.metric: retries is normally 0, so a change in percent of it means nothing: use above or below \(in scenario payment-schema-rollback\)/);
  });

  it('suggests the nearest pattern for a misspelt one, at its place', () => {
    const text = base.replace('patterns: [unified-rollback]', 'patterns: [unified-rollbak]');
    expect(problems(text)).toEqual([`x.yaml:${lineOf(text, 'unified-rollbak')}:12: patterns[0]: unknown pattern 'unified-rollbak'; did you mean 'unified-rollback'?`]);
  });

  it('takes 3 to 6 hints, each a string or a text with an unlock time', () => {
    const hints = (lines: string[]) => base.replace(/^hints:\n(?:  - .*\n)+/m, `hints:\n${lines.map((l) => `  - ${l}\n`).join('')}`);
    expect(problems(hints(['a', 'b']))[0]).toMatch(/hints: expected 3 to 6 hints, in order: where to look, which signal, the mechanism, the play/);
    expect(problems(hints(['a', 'b', 'c', 'd', 'e', 'f', 'g']))[0]).toMatch(/hints: expected 3 to 6 hints/);
    expect(problems(hints(['a', '{ text: b, after: 2 min }', 'c']))[0]).toMatch(/hints\[1\]\.after: expected a duration such as 500ms, 90s/);
    expect(problems(hints(['a', '{ text: b, afterr: 2m }', 'c']))).toContainEqual(expect.stringMatching(/hints\[1\]\.afterr: unknown field 'afterr'/));
  });

  it('unlocks a plain hint a minute after the one before it, and a timed one when it says', () => {
    const text = base.replace(/^hints:\n(?:  - .*\n)+/m, 'hints:\n  - where\n  - { text: signal, after: 90s }\n  - mechanism\n  - { text: play, after: 4m }\n');
    expect(loadScenario(text, 'x.yaml').meta.hints).toEqual([
      { text: 'where', unlockMs: HINT_STEP_MS },
      { text: 'signal', unlockMs: 90_000 },
      { text: 'mechanism', unlockMs: 90_000 + HINT_STEP_MS },
      { text: 'play', unlockMs: 240_000 },
    ]);
  });

  it('refuses a hint that would unlock before the one above it', () => {
    const text = base.replace(/^hints:\n(?:  - .*\n)+/m, 'hints:\n  - { text: a, after: 2m }\n  - b\n  - { text: c, after: 90s }\n');
    expect(problems(text)).toEqual([
      `x.yaml:${lineOf(text, 'after: 90s')}:${text.split('\n')[lineOf(text, 'after: 90s') - 1]!.indexOf('90s') + 1}: hints[2].after: hint 3 unlocks at 90s, before hint 2 (3m): hints unlock in the order written, so give it an 'after' of at least 3m`,
    ]);
  });

  it('checks an inject like a fault, and its rule id against the others', () => {
    const withInject = (fault: string) => `${base}  - { id: extra, description: x, fault: ${fault} }\n`;
    expect(problems(withInject('{ at: 0s, deploy: r43 }'))[0]).toMatch(/injects\[2\]\.fault\.deploy: unknown release 'r43'; did you mean 'r4[12]'\?/);
    expect(problems(withInject("{ at: 0s, rule: { id: npe-saved-cards, when: {}, effect: { errorRate: 0.1 }, explain: x } }"))[0]).toMatch(
      /injects\[2\]\.fault\.rule\.id: duplicate rule id 'npe-saved-cards': rules\[0\] has it already/,
    );
  });
});

describe('loading playbooks', () => {
  const playbook = (steps: string) => `name: p\ntriggers:\n  - alert: any\nsteps:\n${steps}`;

  it('suggests the nearest verb for a misspelt command', () => {
    expect(problems(playbook('  - run: rolback payment-api\n'), loadPlaybook)).toEqual([
      "x.yaml:5:10: steps[0].run: unknown command 'rolback'; did you mean 'rollback'?",
    ]);
  });

  it('names the option a verb does not have', () => {
    expect(problems(playbook('  - run: rollback payment-api --fast\n'), loadPlaybook)[0]).toMatch(/rollback has no option --fast/);
  });

  it('allows only rollbacks inside an atomic group', () => {
    expect(problems(playbook('  - atomic:\n      - run: rollback a\n      - run: scale a 3\n'), loadPlaybook)[0]).toMatch(
      /steps\[0\]\.atomic\[1\]\.run: an atomic group can only roll components back or forward, not 'scale'/,
    );
  });

  it('needs a trigger', () => {
    expect(problems('name: p\ntriggers: []\nsteps:\n  - run: declare\n', loadPlaybook)[0]).toMatch(/triggers: a playbook needs at least one trigger/);
  });
});
