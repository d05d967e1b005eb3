import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yamlFilesIn } from '../../src/cli/files.js';
import { curriculumOrder, loadCurriculum, type Curriculum } from '../../src/formats/curriculum.js';
import { PATTERN_NAMES } from '../../src/formats/patterns.js';
import { formatProblem, InputError } from '../../src/formats/source.js';
import { scenario, SCENARIOS } from '../helpers.js';

const FILE = join(SCENARIOS, 'training', 'curriculum.yaml');
const text = readFileSync(FILE, 'utf8');
const library = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));
const curriculum: Curriculum = loadCurriculum(text, 'curriculum.yaml', library);

/** Problems of a curriculum text, checked against the library (or, given null, against none). */
function problems(source: string, ids: readonly string[] | null = library): string[] {
  try {
    loadCurriculum(source, 'c.yaml', ids ?? undefined);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

const lineOf = (source: string, needle: string): number => source.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the built-in training curriculum', () => {
  it('has at least five levels, each with a title, the patterns it teaches and why it sits there', () => {
    expect(curriculum.levels.length).toBeGreaterThanOrEqual(5);
    curriculum.levels.forEach((level, i) => {
      expect(level.number).toBe(i + 1);
      expect(level.title.length).toBeGreaterThan(0);
      expect(level.why.length, level.title).toBeGreaterThan(40);
      expect(level.patterns.length).toBeGreaterThan(0);
      for (const p of level.patterns) expect(PATTERN_NAMES).toContain(p);
      expect(level.scenarios.length).toBeGreaterThan(0);
    });
  });

  it('places or leaves out, with a reason, every scenario of scenarios/*.yaml, and names no other', () => {
    const placed = curriculumOrder(curriculum).map((e) => e.scenario);
    const leftOut = curriculum.leftOut.map((l) => l.scenario);
    expect([...placed, ...leftOut].sort()).toEqual([...library].sort());
    for (const l of curriculum.leftOut) expect(l.reason.length, l.scenario).toBeGreaterThan(20);
  });

  it('starts with the pointer flip and the canary, and ends with the batched change and data loss with no guardrail', () => {
    expect(curriculum.levels[0]!.scenarios.map((e) => e.scenario)).toEqual(['prompt-template-regression', 'recommender-canary']);
    const last = curriculum.levels.slice(-2).flatMap((l) => l.scenarios.map((e) => e.scenario));
    expect(last).toContain('batched-change-rollback');
    expect(last).toContain('agent-drop-table');
  });

  it('places each scenario in a level that teaches a pattern the scenario itself states', () => {
    for (const level of curriculum.levels) {
      for (const e of level.scenarios) {
        const taught = scenario(e.scenario).meta.patterns;
        expect(taught.filter((p) => level.patterns.includes(p)), `${e.scenario} in '${level.title}' states ${taught.join(', ')}`).not.toEqual([]);
      }
    }
  });

  it('counts a scenario done on finishing exactly where no playbook can meet the target (it has a guarded variant)', () => {
    for (const e of curriculumOrder(curriculum)) {
      const unwinnable = scenario(e.scenario).meta.guardedVariant !== undefined;
      expect(e.doneWhen, e.scenario).toBe(unwinnable ? 'finished' : 'passed');
    }
  });

  it('names its schema on the first line and sits where a sweep of scenarios/ does not read it', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/curriculum.schema.json');
    expect(yamlFilesIn(SCENARIOS)).not.toContain(FILE);
    expect(yamlFilesIn(SCENARIOS).length).toBe(library.length);
  });
});

describe('loading a curriculum file', () => {
  it('names file, line and column of an unknown pattern, with the nearest one', () => {
    const bad = text.replace('patterns: [alert-windows]', 'patterns: [alert-window]');
    expect(problems(bad)).toEqual([`c.yaml:${lineOf(bad, '[alert-window]')}:16: levels[2].patterns[0]: unknown value 'alert-window'; did you mean 'alert-windows'?`]);
  });

  it('names an unknown scenario id where it is written, and the library scenario it leaves unaccounted for', () => {
    const bad = text.replace('      - recommender-canary\n', '      - recommender-canry\n');
    expect(problems(bad)).toEqual([
      `c.yaml:${lineOf(bad, 'recommender-canry')}:9: levels[0].scenarios[1]: unknown scenario 'recommender-canry'; did you mean 'recommender-canary'?`,
      `c.yaml:${lineOf(bad, 'leftOut:')}:1: leftOut: scenario 'recommender-canary' of the library is neither in a level nor left out: place it, or add it to leftOut with a reason`,
    ]);
  });

  it('refuses a scenario placed twice, or placed and left out', () => {
    const twice = text.replace('      - recommender-canary\n', '      - recommender-canary\n      - prompt-template-regression\n');
    expect(problems(twice)).toEqual([
      `c.yaml:${lineOf(twice, 'recommender-canary') + 1}:9: levels[0].scenarios[2]: scenario 'prompt-template-regression' is already at levels[0].scenarios[0]: place each scenario once, or leave it out`,
    ]);
    const both = text.replace('  - scenario: terraform-destroy-remote-state', '  - scenario: transient-spike');
    expect(problems(both, null)).toEqual([
      `c.yaml:${lineOf(both, 'scenario: transient-spike')}:15: leftOut[0].scenario: scenario 'transient-spike' is already at levels[2].scenarios[0]: place each scenario once, or leave it out`,
    ]);
  });

  it('points at the scenario field of an entry written as a mapping', () => {
    const bad = text.replace('scenario: token-deletes-volume, doneWhen', 'scenario: token-delete-volume, doneWhen');
    expect(problems(bad)[0]).toMatch(new RegExp(`^c\\.yaml:${lineOf(bad, 'token-delete-volume')}:\\d+: levels\\[8\\]\\.scenarios\\[1\\]\\.scenario: unknown scenario 'token-delete-volume'; did you mean 'token-deletes-volume'\\?$`));
  });

  it('refuses unknown fields and an empty level, naming where', () => {
    const unknown = text.replace('    why: |\n      Start where', '    reason: first\n    why: |\n      Start where');
    expect(problems(unknown)).toEqual([`c.yaml:${lineOf(unknown, 'reason: first')}:5: levels[0].reason: unknown field 'reason'`]);
    expect(problems('levels:\n  - title: t\n    patterns: [unified-rollback]\n    why: w\n    scenarios: []\n', [])).toEqual([
      'c.yaml:5:16: levels[0].scenarios: a level needs at least one scenario',
    ]);
  });

  it('checks ids against the library only when given one', () => {
    const own = 'levels:\n  - title: Mine\n    patterns: [unified-rollback]\n    why: my own order\n    scenarios: [my-incident]\n';
    expect(problems(own, null)).toEqual([]);
    expect(problems(own, ['my-incident'])).toEqual([]);
    expect(problems(own, ['other'])[0]).toMatch(/unknown scenario 'my-incident'/);
  });
});
