/**
 * What a sweep ran, written before its drills: the cases (scenario and playbook pairs), the
 * seeds, the shard, and what was left out and why. Nothing here depends on the machine or the
 * clock, so every shard of a sweep writes the same header but for `shard`.
 */
export interface SweepHeader {
  format: typeof SWEEP_FORMAT;
  formatVersion: typeof SWEEP_FORMAT_VERSION;
  firedrill: string;
  /**
   * The command that runs this sweep again from the same folder: what it ran, not how (no
   * shard, workers or output options), so every shard of a sweep names the same one.
   */
  command: string;
  seeds: { first: number; last: number };
  /** 1-based shard index and shard count; null for a whole sweep. */
  shard: { index: number; count: number } | null;
  cases: CaseInfo[];
  /** Scenarios of a folder the playbook does not fit (it names metrics, routes or alerts they lack). */
  skipped: SkippedCase[];
}

export const SWEEP_FORMAT = 'firedrill-run';
/**
 * 2: the summary carries the run's `status` (passed, failed, interrupted) instead of a verdict.
 * 3: expected misses (each case's `expectedMiss`, the summary's counts of them), tags, the
 * command, and in the detailed reports what the playbook watched.
 */
export const SWEEP_FORMAT_VERSION = 3;

export interface CaseInfo {
  scenario: string;
  title: string;
  playbook: string;
  /** The scenario and playbook as given on the command line: what a replay command names. */
  scenarioRef: string;
  playbookRef: string;
  targetMs: number;
  versions: { scenario: string; playbook: string };
  slos: { metric: string; min?: number; max?: number }[];
  /** The scenario's business metrics, for chart titles and axes. */
  metrics: { name: string; kind: string; good: 'high' | 'low'; description: string }[];
  /** layer:..., pattern:..., source:... (see formats/tags.ts). */
  tags: string[];
  /** Set when the playbook is known to miss this scenario: why, and where that is written. */
  expectedMiss: { reason: string; listedAt: string } | null;
}

export interface SkippedCase {
  scenario: string;
  scenarioRef: string;
  playbook: string;
  /** What the playbook names that the scenario lacks, e.g. "metric sycophancy". */
  lacks: string[];
  /** The full messages, with the playbook's file, line and column. */
  problems: string[];
}

export function seedCount(h: Pick<SweepHeader, 'seeds'>): number {
  return h.seeds.last - h.seeds.first + 1;
}

/** A sweep of one scenario and one seed is a single drill: reports drop the seed from test names. */
export function isSweep(h: Pick<SweepHeader, 'seeds'>): boolean {
  return seedCount(h) > 1;
}

/** Quotes a command-line word for a POSIX shell only when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The exact command that runs one drill of a case again. */
export function replayCommand(c: Pick<CaseInfo, 'scenarioRef' | 'playbookRef'>, seed: number): string {
  return `firedrill run ${shellWord(c.scenarioRef)} --playbook ${shellWord(c.playbookRef)} --seed ${seed}`;
}

/** The command that replays a recorded drill and checks it comes to the same result. */
export function replayJournalCommand(journalPath: string): string {
  return `firedrill replay ${shellWord(journalPath)} --verify`;
}

export function caseKey(scenario: string, playbook: string): string {
  return `${scenario}\u0000${playbook}`;
}
