import { z } from 'zod';
import { compileExpectedMisses, expectedMissesInput, type ExpectedMiss } from './expectations.js';
import { MAX_SEEDS } from './limits.js';
import { InputError, YamlSource, type Problem } from './source.js';

/** The name `firedrill run` looks for in the working folder and each folder above it. */
export const CONFIG_FILE_NAME = 'firedrill.config.yaml';

export const REPORT_FORMATS = ['json', 'md', 'junit', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Defaults a team commits for `firedrill run`: what to run, against which playbook, how many
 * seeds, which reports where, and the misses it expects. Flags on the command line win.
 */
export const configInput = z.strictObject({
  scenarios: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .meta({ description: 'scenario files, folders of them, or built-in ids; paths are read from the folder of this file' }),
  playbook: z.string().min(1).optional().meta({ description: 'a playbook file (from the folder of this file), a built-in name, or reference / naive' }),
  seeds: z.number().int().min(1).max(MAX_SEEDS).optional().meta({ description: 'run seeds 1 to N' }),
  formats: z.array(z.enum(REPORT_FORMATS)).min(1).optional().meta({ description: 'the reports to write' }),
  out: z.string().trim().min(1).optional().meta({ description: 'the folder for the reports, from the folder of this file' }),
  expectedMisses: expectedMissesInput.optional(),
});

export interface RunConfig {
  /** The file, as it was found or named. */
  file: string;
  scenarios?: string[];
  playbook?: string;
  seeds?: number;
  formats?: ReportFormat[];
  out?: string;
  expectedMisses?: ExpectedMiss[];
  /** Where each path was written, for a message about one that is not there: `scenarios[0]`, `playbook`. */
  places: Record<string, { line: number; column: number }>;
}

/** Parses and checks a config file; throws InputError naming every problem's place. */
export function loadRunConfig(text: string, file: string): RunConfig {
  const { source, data } = YamlSource.parse(text, file);
  const parsed = configInput.safeParse(data);
  if (!parsed.success) throw new InputError(source.zodProblems(parsed.error));
  const input = parsed.data;
  const problems: Problem[] = [];
  const expectedMisses = input.expectedMisses && compileExpectedMisses(input.expectedMisses, source, ['expectedMisses'], problems);
  if (problems.length > 0) throw new InputError(problems);
  const places: RunConfig['places'] = {};
  input.scenarios?.forEach((_, i) => (places[`scenarios[${i}]`] = source.locate(['scenarios', i])));
  if (input.playbook) places.playbook = source.locate(['playbook']);
  return {
    file,
    places,
    ...(input.scenarios ? { scenarios: input.scenarios } : {}),
    ...(input.playbook ? { playbook: input.playbook } : {}),
    ...(input.seeds ? { seeds: input.seeds } : {}),
    ...(input.formats ? { formats: REPORT_FORMATS.filter((f) => input.formats!.includes(f)) } : {}),
    ...(input.out ? { out: input.out } : {}),
    ...(expectedMisses ? { expectedMisses } : {}),
  };
}
