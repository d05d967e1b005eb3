import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { MAX_HORIZON_MS } from '../../src/formats/limits.js';
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
    expect(problems(target)[0]).toMatch(/^x\.yaml:22:9: target: expected a duration of at most 30d \(the limit\), got "9{40}\.\.\."$/);
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
