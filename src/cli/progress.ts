import { existsSync, renameSync, statSync } from 'node:fs';
import { InputError } from '../formats/source.js';
import { readBounded } from './files.js';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { curriculumOrder, type Curriculum } from '../formats/curriculum.js';
import { writeAtomic } from './write-file.js';

/** Bumped when the file's shape changes; a file of another version is set aside, not misread. */
export const PROGRESS_FORMAT_VERSION = 1;

/** A learner's progress file stays small; anything larger is not one. */
const MAX_PROGRESS_BYTES = 1_048_576;

export type Verdict = 'PASS' | 'FAIL';

/** The best finished run of a scenario: a pass over a fail, then the higher score, then the faster recovery, then fewer hints. */
export interface BestRun {
  verdict: Verdict;
  score: number;
  recoverMs: number | null;
  /** ISO date of the run, as the caller gave it. */
  date: string;
  hintsUsed: number;
}

export interface ScenarioProgress {
  /** Finished runs. */
  attempts: number;
  lastVerdict: Verdict | null;
  best: BestRun | null;
  /** Started and not finished: the next `firedrill train` offers it again. */
  inProgress: boolean;
}

export interface Progress {
  formatVersion: typeof PROGRESS_FORMAT_VERSION;
  scenarios: Record<string, ScenarioProgress>;
}

export interface Outcome {
  verdict: Verdict;
  /** Null for a drill ended before there was a response to score: an attempt, never a best run. */
  score: number | null;
  recoverMs: number | null;
  hintsUsed: number;
  date: string;
}

const verdict = z.enum(['PASS', 'FAIL']);
const count = z.number().int().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'expected an ISO date such as 2026-03-14');

const runSchema = z.strictObject({ verdict, score: z.number().min(0).max(100), recoverMs: count.nullable(), date: isoDate, hintsUsed: count });

const progressSchema = z.strictObject({
  formatVersion: z.literal(PROGRESS_FORMAT_VERSION),
  scenarios: z.record(
    z.string(),
    z.strictObject({ attempts: count, lastVerdict: verdict.nullable(), best: runSchema.nullable(), inProgress: z.boolean() }),
  ),
});

export function emptyProgress(): Progress {
  return { formatVersion: PROGRESS_FORMAT_VERSION, scenarios: {} };
}

/** `$XDG_STATE_HOME/firedrill/progress.json`, or `~/.local/state/firedrill/progress.json` (the XDG default). */
export function defaultProgressPath(env: NodeJS.ProcessEnv, home: string): string {
  const state = env.XDG_STATE_HOME;
  // The XDG base directory rules say a relative path there is invalid and must be ignored.
  const base = state && isAbsolute(state) ? state : join(home, '.local', 'state');
  return join(base, 'firedrill', 'progress.json');
}

/**
 * Reads a learner's progress. A missing file is a first run. A file that cannot be read as
 * progress of this version is moved aside to `<file>.bad-<n>` (so nothing is lost) and the
 * learner starts afresh; `warning` then says, in one line, which file and what was wrong.
 */
export function loadProgress(path: string): { progress: Progress; warning?: string } {
  if (!existsSync(path)) return { progress: emptyProgress() };
  let text: string;
  try {
    // Read no more than the limit, and never block on a FIFO or read a device for ever.
    const { size } = statSync(path);
    if (size > MAX_PROGRESS_BYTES) return setAside(path, `is larger than ${MAX_PROGRESS_BYTES} bytes`);
    text = readBounded(path, MAX_PROGRESS_BYTES, 'progress files').toString('utf8');
  } catch (e) {
    const why = e instanceof InputError ? e.problems[0]!.message : (e as Error).message;
    return { progress: emptyProgress(), warning: `firedrill: cannot read progress file ${path} (${why}); starting afresh` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return setAside(path, `is not valid JSON (${(e as Error).message})`);
  }
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== PROGRESS_FORMAT_VERSION) {
    const found = version === undefined ? 'has no formatVersion' : `has format version ${JSON.stringify(version)}`;
    return setAside(path, `${found}; this firedrill reads version ${PROGRESS_FORMAT_VERSION}`);
  }
  const parsed = progressSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return setAside(path, `is not a progress file: ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  return { progress: parsed.data as Progress };
}

function setAside(path: string, problem: string): { progress: Progress; warning: string } {
  let n = 1;
  while (existsSync(`${path}.bad-${n}`)) n++;
  const aside = `${path}.bad-${n}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    return { progress: emptyProgress(), warning: `firedrill: progress file ${path} ${problem}; starting afresh (could not move it aside: ${(e as Error).message})` };
  }
  return { progress: emptyProgress(), warning: `firedrill: progress file ${path} ${problem}; starting afresh, the old file is kept as ${aside}` };
}

/** Writes progress atomically: a crash mid-write leaves the previous file whole. */
export function saveProgress(path: string, progress: Progress): void {
  const scenarios = Object.fromEntries(Object.keys(progress.scenarios).sort().map((id) => [id, progress.scenarios[id]!]));
  writeAtomic(path, `${JSON.stringify({ formatVersion: progress.formatVersion, scenarios }, null, 2)}\n`);
}

function entry(progress: Progress, scenarioId: string): ScenarioProgress {
  return Object.hasOwn(progress.scenarios, scenarioId) ? progress.scenarios[scenarioId]! : { attempts: 0, lastVerdict: null, best: null, inProgress: false };
}

function withEntry(progress: Progress, scenarioId: string, next: ScenarioProgress): Progress {
  return { ...progress, scenarios: { ...progress.scenarios, [scenarioId]: next } };
}

/**
 * A drill of this scenario has begun; until it is recorded, it is the one to come back to. One
 * drill runs at a time, so starting one sets aside any other left unfinished.
 */
export function markStarted(progress: Progress, scenarioId: string): Progress {
  const scenarios = Object.fromEntries(Object.entries(progress.scenarios).map(([id, p]) => [id, p.inProgress ? { ...p, inProgress: false } : p]));
  return withEntry({ ...progress, scenarios }, scenarioId, { ...entry(progress, scenarioId), inProgress: true });
}

/** Records a finished drill: one more attempt, its verdict, and the best run if this one beats it (an unscored drill never does). */
export function recordAttempt(progress: Progress, scenarioId: string, outcome: Outcome): Progress {
  const was = entry(progress, scenarioId);
  const recorded = (best: BestRun | null): Progress => withEntry(progress, scenarioId, { attempts: was.attempts + 1, lastVerdict: outcome.verdict, best, inProgress: false });
  if (outcome.score === null) return recorded(was.best);
  // What is recorded here is read back by loadProgress: refuse now what it would refuse then.
  const checked = runSchema.safeParse(outcome);
  if (!checked.success) throw new Error(`recordAttempt(${scenarioId}): invalid outcome ${JSON.stringify(outcome)}: ${checked.error.issues[0]!.message}`);
  const run: BestRun = checked.data;
  return recorded(was.best === null || beats(run, was.best) ? run : was.best);
}

function beats(a: BestRun, b: BestRun): boolean {
  if (a.verdict !== b.verdict) return a.verdict === 'PASS';
  if (a.score !== b.score) return a.score > b.score;
  const ar = a.recoverMs ?? Infinity;
  const br = b.recoverMs ?? Infinity;
  if (ar !== br) return ar < br;
  return a.hintsUsed < b.hintsUsed;
}

/** Whether a curriculum entry is behind the learner: passed, or, for one no play can win, finished once. */
export function isDone(entryProgress: ScenarioProgress | undefined, doneWhen: 'passed' | 'finished'): boolean {
  if (!entryProgress) return false;
  return doneWhen === 'finished' ? entryProgress.attempts > 0 : entryProgress.best?.verdict === 'PASS';
}

/**
 * The scenario to train on next: the curriculum's scenario started and not finished, else its
 * first not yet done, in order; undefined once every one is done.
 */
export function nextScenario(curriculum: Curriculum, progress: Progress): string | undefined {
  const order = curriculumOrder(curriculum);
  const scenarioOf = (id: string): ScenarioProgress | undefined => (Object.hasOwn(progress.scenarios, id) ? progress.scenarios[id] : undefined);
  return (order.find((e) => scenarioOf(e.scenario)?.inProgress) ?? order.find((e) => !isDone(scenarioOf(e.scenario), e.doneWhen)))?.scenario;
}
