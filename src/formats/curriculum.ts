import { z } from 'zod';
import { unknownName } from '../core/names.js';
import { PATTERN_NAMES, type Pattern } from './patterns.js';
import { digestOf } from './scenario.js';
import { formatPath, InputError, YamlSource, type Path, type Problem } from './source.js';

/**
 * When a curriculum entry counts as done: `passed` (the drill met its target), or `finished`
 * for an incident no play can win (the data is gone before anyone is paged), where finishing
 * the drill and reading its debrief is the lesson.
 */
export const DONE_WHEN = ['passed', 'finished'] as const;
export type DoneWhen = (typeof DONE_WHEN)[number];

const scenarioId = z.string().min(1).describe('The id of a built-in scenario (its file name in scenarios/, without .yaml).');

const entryInput = z.union([
  scenarioId,
  z.strictObject({
    scenario: scenarioId,
    doneWhen: z
      .enum(DONE_WHEN)
      .default('passed')
      .describe('passed: done once a drill meets its target; finished: no play can win it, so one finished drill completes it.'),
  }),
]);

const levelInput = z.strictObject({
  title: z.string().min(1),
  patterns: z
    .array(z.enum(PATTERN_NAMES as [Pattern, ...Pattern[]]))
    .min(1, 'name at least one pattern the level teaches')
    .describe('The rollback patterns the level teaches.'),
  why: z.string().min(1).describe('Why the level sits where it does in the order.'),
  scenarios: z.array(entryInput).min(1, 'a level needs at least one scenario').describe('Scenarios in the order the learner meets them.'),
});

export const curriculumInput = z.strictObject({
  levels: z.array(levelInput).min(1, 'a curriculum needs at least one level').describe('From first steps to the hardest.'),
  leftOut: z
    .array(z.strictObject({ scenario: scenarioId, reason: z.string().min(1) }))
    .default([])
    .describe('Built-in scenarios deliberately not in any level, each with the reason.'),
});

export interface CurriculumEntry {
  scenario: string;
  doneWhen: DoneWhen;
}

export interface CurriculumLevel {
  /** 1 for the first level. */
  number: number;
  title: string;
  patterns: Pattern[];
  /** Why the level sits where it does in the order. */
  why: string;
  scenarios: CurriculumEntry[];
}

export interface Curriculum {
  levels: CurriculumLevel[];
  leftOut: { scenario: string; reason: string }[];
  file: string;
  digest: string;
}

/** Every placed scenario, first level first. */
export function curriculumOrder(curriculum: Curriculum): CurriculumEntry[] {
  return curriculum.levels.flatMap((l) => l.scenarios);
}

/**
 * Parses and checks a curriculum file; throws InputError naming every problem's place. Given the
 * ids of the scenario library, it also checks that each id it names exists and that every
 * scenario of the library is either placed in a level or left out with a reason.
 */
export function loadCurriculum(text: string, file: string, library?: readonly string[]): Curriculum {
  const { source, data } = YamlSource.parse(text, file);
  const parsed = curriculumInput.safeParse(data);
  if (!parsed.success) throw new InputError(source.zodProblems(parsed.error));
  const input = parsed.data;
  const levels: CurriculumLevel[] = input.levels.map((l, i) => ({
    number: i + 1,
    title: l.title,
    patterns: l.patterns,
    why: l.why.trim(),
    scenarios: l.scenarios.map((e) => (typeof e === 'string' ? { scenario: e, doneWhen: 'passed' } : e)),
  }));
  const problems = crossCheck(levels, input.leftOut, source, library);
  if (problems.length > 0) throw new InputError(problems);
  return { levels, leftOut: input.leftOut.map((l) => ({ scenario: l.scenario, reason: l.reason.trim() })), file, digest: digestOf(text) };
}

function crossCheck(levels: CurriculumLevel[], leftOut: { scenario: string }[], source: YamlSource, library?: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const named: { id: string; path: Path }[] = [
    ...levels.flatMap((l, i) => l.scenarios.map((e, j) => ({ id: e.scenario, path: entryPath(source, i, j) }))),
    ...leftOut.map((l, i) => ({ id: l.scenario, path: ['leftOut', i, 'scenario'] as Path })),
  ];
  const first = new Map<string, Path>();
  for (const { id, path } of named) {
    const seen = first.get(id);
    if (seen !== undefined) problems.push(source.problem(path, `scenario '${id}' is already at ${formatPath(seen)}: place each scenario once, or leave it out`));
    else first.set(id, path);
    if (library && !library.includes(id)) problems.push(source.problem(path, unknownName('scenario', id, library)));
  }
  for (const id of library ?? []) {
    if (!first.has(id)) {
      problems.push(source.problem([], `scenario '${id}' of the library is neither in a level nor left out: place it, or add it to leftOut with a reason`, 'leftOut'));
    }
  }
  return problems;
}

/** Where an entry's id sits: the entry itself when written as a plain id, else its `scenario` field. */
function entryPath(source: YamlSource, level: number, entry: number): Path {
  const at: Path = ['levels', level, 'scenarios', entry];
  const item = source.doc.getIn(at, true);
  return item && typeof item === 'object' && 'items' in item ? [...at, 'scenario'] : at;
}
