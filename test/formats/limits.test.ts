import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { MAX_FILE_BYTES, MAX_HORIZON_MS, MAX_NODES, MAX_PLAYBOOK_BRANCHES, MAX_PLAYBOOK_GATES, MAX_PLAYBOOK_STEPS } from '../../src/formats/limits.js';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { formatProblem, InputError } from '../../src/formats/source.js';
import { SCENARIOS } from '../helpers.js';

const base = readFileSync(join(SCENARIOS, 'payment-schema-rollback.yaml'), 'utf8');
const spike = readFileSync(join(SCENARIOS, 'transient-spike.yaml'), 'utf8');
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function edited(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

function problems(text: string): string[] {
  try {
    loadScenario(text, 'x.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

/** A number too large for a double: it reads as Infinity. */
const DIGITS = '9'.repeat(400);

describe('horizons', () => {
  it('accepts a horizon that is not a whole number of seconds, and the drill ends there', () => {
    for (const horizon of ['7200999', '1.333h']) {
      const text = edited(base, 'horizon: 2h', `horizon: ${horizon}`);
      expect(problems(text)).toEqual([]);
      const drill = new Drill(loadScenario(text, 'x.yaml').spec, 1);
      for (let i = 0; i < 3 && !drill.done; i++) drill.advance(drill.spec.horizonMs);
      expect(drill.done, horizon).toBe(true);
    }
  });

  it('refuses a horizon under a second, or over 30 days, naming the limit', () => {
    for (const horizon of ['500ms', '0s', '31d', `${DIGITS}s`]) {
      const text = edited(base, 'horizon: 2h', `horizon: ${horizon}`);
      expect(problems(text)[0], horizon).toMatch(new RegExp(`^x\\.yaml:${lineOf(text, 'horizon:')}:10: horizon: expected a duration from 1s to 30d \\(the limit\\)`));
    }
    expect(problems(edited(base, 'horizon: 2h', `horizon: ${MAX_HORIZON_MS}`))).toEqual([]);
  });

  it('refuses a fault due at or after the horizon, where it would never happen', () => {
    const text = edited(spike, '  - at: 5m\n', '  - at: 3h\n');
    expect(problems(text)).toEqual([
      `x.yaml:${lineOf(text, 'at: 3h')}:9: faults[0].at: the fault is due at 3h, at or after the horizon (2h) where the drill ends, so it would never happen: bring it forward or lengthen the horizon`,
    ]);
  });
});

describe('every number has a bound', () => {
  it('refuses a duration written as a run of digits too long to be a number, with its place', () => {
    const target = edited(base, 'target: 5m', `target: ${DIGITS}s`);
    expect(problems(target)[0]).toMatch(new RegExp(`^x\\.yaml:${lineOf(target, 'target:')}:9: target: expected a duration of at most 30d \\(the limit\\), got "9{40}\\.\\.\\."$`));
    const start = edited(base, 'start: 20s', `start: ${DIGITS}ms`);
    expect(problems(start)[0]).toMatch(/components\.payment-api\.deployment\.start: expected a duration of at most 365d \(the limit\)/);
  });

  it('refuses a duration over a year and a target over 30 days', () => {
    expect(problems(edited(base, 'start: 20s', 'start: 400d'))[0]).toMatch(/deployment\.start: expected a duration of at most 365d \(the limit\), got "400d"/);
    expect(problems(edited(base, 'target: 5m', 'target: 31d'))[0]).toMatch(/target: expected a duration of at most 30d \(the limit\), got "31d"/);
  });

  it('refuses counts, rates and factors past their limits, and numbers YAML reads as infinite', () => {
    for (const [from, to, field] of [
      ['rows: 1200000', 'rows: 1e13', /tables\[0\]\.rows: Too big: expected number to be <=1000000000000/],
      ['payments: 200', 'payments: 1000000', /pools\.payments: Too big: expected number to be <=100000/],
      ['perPodRps: 3', 'perPodRps: .inf', /perPodRps: expected number, received Infinity/],
      ['maxSurge: 25%', 'maxSurge: 250%', /maxSurge: expected a percentage of at most 100%/],
    ] as const) {
      expect(problems(edited(base, from, to))[0], to).toMatch(field);
    }
  });
});

function playbookProblems(text: string): string[] {
  try {
    loadPlaybook(text, 'p.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

const playbookOf = (steps: string): string => `name: p\ntriggers:\n  - alert: any\nsteps:\n${steps}\n`;

describe('aliases cannot amplify', () => {
  it('refuses a small file whose aliases expand it past the node limit, at the alias that does', () => {
    // 29 KB: one list of 2,500 steps, and 99 aliases of it (the alias count allows 100).
    const text = playbookOf(`  - parallel: &a [${Array(2500).fill('{wait: 1}').join(', ')}]\n${Array(99).fill('  - parallel: *a').join('\n')}`);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_FILE_BYTES);
    expect(playbookProblems(text)).toEqual([`p.yaml:7:15: the file holds more than ${MAX_NODES} values once its aliases are expanded (the limit): alias *a here repeats more than the rest of the file allows`]);
  });

  it('refuses a step whose onFail refers to itself through an anchor, instead of recursing for ever', () => {
    const text = playbookOf('  - &s\n    run: freeze\n    onFail: [*s]');
    expect(playbookProblems(text)).toEqual(['p.yaml:7:14: alias *s refers to a node that contains it: reading it would never end']);
  });

  it('refuses an alias with no anchor before it, at the alias', () => {
    expect(playbookProblems(playbookOf('  - run: freeze\n  - wait: *later'))).toEqual(['p.yaml:6:11: alias *later names no anchor before it: write &later on the value it stands for, above']);
  });

  it('still reads aliases that repeat a little', () => {
    expect(playbookProblems(playbookOf('  - verify: &gate { metric: errorRate, below: 0.01, timeout: 2m }\n  - run: freeze\n  - verify: *gate'))).toEqual([]);
  });
});

describe('playbook size', () => {
  it('refuses more steps, gates or branches than the limits, naming the first past each', () => {
    const steps = Array(MAX_PLAYBOOK_STEPS + 1).fill('  - wait: 1s').join('\n');
    expect(playbookProblems(playbookOf(steps))).toEqual([`p.yaml:${5 + MAX_PLAYBOOK_STEPS}:5: steps[${MAX_PLAYBOOK_STEPS}]: the playbook has more than ${MAX_PLAYBOOK_STEPS} steps, counted through every parallel, atomic and onFail (the limit)`]);
    const gates = Array(MAX_PLAYBOOK_GATES + 1).fill('  - verify: { metric: errorRate, below: 0.01 }').join('\n');
    expect(playbookProblems(playbookOf(gates))).toEqual([`p.yaml:${5 + MAX_PLAYBOOK_GATES}:5: steps[${MAX_PLAYBOOK_GATES}]: the playbook has more than ${MAX_PLAYBOOK_GATES} verify gates (the limit)`]);
    const branches = Array(MAX_PLAYBOOK_BRANCHES + 1).fill('  - { run: freeze, onFail: [{ wait: 1s }] }').join('\n');
    expect(playbookProblems(playbookOf(branches))).toEqual([`p.yaml:${5 + MAX_PLAYBOOK_BRANCHES}:28: steps[${MAX_PLAYBOOK_BRANCHES}].onFail: the playbook has more than ${MAX_PLAYBOOK_BRANCHES} onFail branches (the limit)`]);
  });
});
