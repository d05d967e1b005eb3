import { z } from 'zod';
import { nearest } from '../core/names.js';
import { InputError, YamlSource, type Path, type Problem } from './source.js';

/**
 * Expected outcomes, in the convention of test runners (Playwright's `test.fail()`, pytest's
 * xfail): the scenarios a playbook is known to miss, each with the reason. Such a miss is
 * reported as expected, not as a failure; a drill of it that meets its target fails the run,
 * so the list is cleaned up once the playbook (or the system) gets better.
 */
export const expectedMissInput = z.strictObject({
  scenario: z.string().min(1).meta({ description: 'the id of the scenario expected to miss its target' }),
  playbook: z.string().min(1).optional().meta({ description: "the playbook's name; left out, the miss is expected whatever the playbook" }),
  reason: z
    .string()
    .trim()
    .min(1, 'say why the miss is expected: every report shows it')
    .meta({ description: 'why no change to the playbook makes it meet the target; every report shows it' }),
});

export const expectedMissesInput = z.array(expectedMissInput).meta({ description: 'scenarios a playbook is known to miss, each with the reason' });

/** A file of expectations alone (`firedrill run --expect FILE`). */
export const expectationsInput = z.strictObject({ expectedMisses: expectedMissesInput });

export interface ExpectedMiss {
  scenario: string;
  /** null: whatever the playbook. */
  playbook: string | null;
  reason: string;
  /** Where the entry is written, FILE:LINE: the place to remove it from once it passes. */
  listedAt: string;
}

/** The entries of a list already checked against expectedMissesInput, with their places; duplicates are problems. */
export function compileExpectedMisses(list: z.output<typeof expectedMissesInput>, source: YamlSource, path: Path, problems: Problem[]): ExpectedMiss[] {
  const seen = new Map<string, number>();
  return list.map((e, i) => {
    const key = `${e.scenario}\u0000${e.playbook ?? ''}`;
    const first = seen.get(key);
    const { line } = source.locate([...path, i]);
    if (first !== undefined) {
      const whom = e.playbook ? `${e.scenario} with ${e.playbook}` : e.scenario;
      problems.push(source.problem([...path, i], `${whom} is listed twice (also at line ${source.locate([...path, first]).line}): keep one entry, with one reason`));
    }
    seen.set(key, i);
    return { scenario: e.scenario, playbook: e.playbook ?? null, reason: e.reason, listedAt: `${source.file}:${line}` };
  });
}

/** Parses and checks a file of expectations; throws InputError naming every problem's place. */
export function loadExpectations(text: string, file: string): ExpectedMiss[] {
  const { source, data } = YamlSource.parse(text, file);
  const parsed = expectationsInput.safeParse(data);
  if (!parsed.success) throw new InputError(source.zodProblems(parsed.error));
  const problems: Problem[] = [];
  const out = compileExpectedMisses(parsed.data.expectedMisses, source, ['expectedMisses'], problems);
  if (problems.length > 0) throw new InputError(problems);
  return out;
}

/** The entry that applies to a case: one naming its playbook before one for any playbook. */
export function expectedMissOf(list: readonly ExpectedMiss[], scenario: string, playbook: string): ExpectedMiss | undefined {
  return list.find((e) => e.scenario === scenario && e.playbook === playbook) ?? list.find((e) => e.scenario === scenario && e.playbook === null);
}

/**
 * Entries naming no scenario given, but close to one that is: most likely a typo, which would
 * leave the real miss unexpected and fail the run for no reason a reader can see. An entry far
 * from every id given is left alone: one list serves runs of every subset of the scenarios.
 */
export function misspeltExpectations(list: readonly ExpectedMiss[], ids: readonly string[]): string[] {
  const given = new Set(ids);
  return list.flatMap((e) => {
    const guess = given.has(e.scenario) ? undefined : nearest(e.scenario, ids);
    return guess ? [`${e.listedAt}: the expected miss names '${e.scenario}', which is not among the scenarios given; did you mean '${guess}'?`] : [];
  });
}
