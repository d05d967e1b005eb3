import { formatClock } from '../core/monitors.js';
import type { Curriculum, CurriculumLevel, DoneWhen } from '../formats/curriculum.js';
import type { Pattern } from '../formats/patterns.js';
import type { ScenarioMeta } from '../formats/scenario.js';
import { isDone, nextScenario, type BestRun, type Progress, type Verdict } from './progress.js';

export interface TrainingEntry {
  id: string;
  title: string;
  /** The patterns the scenario teaches: its own, where it names them, else its level's. */
  patterns: Pattern[];
  doneWhen: DoneWhen;
  done: boolean;
  next: boolean;
  attempts: number;
  inProgress: boolean;
  lastVerdict: Verdict | null;
  best: BestRun | null;
}

/** The curriculum as a learner sees it: every level, and where they stand on each scenario. */
export interface TrainingView {
  progressFile: string;
  next: string | null;
  done: number;
  total: number;
  levels: { number: number; title: string; patterns: Pattern[]; why: string; scenarios: TrainingEntry[] }[];
  leftOut: { id: string; title: string; reason: string }[];
}

export function trainingView(curriculum: Curriculum, library: readonly ScenarioMeta[], progress: Progress, progressFile: string): TrainingView {
  const meta = new Map(library.map((m) => [m.id, m]));
  const next = nextScenario(curriculum, progress) ?? null;
  const levels = curriculum.levels.map((level) => ({
    number: level.number,
    title: level.title,
    patterns: level.patterns,
    why: level.why,
    scenarios: level.scenarios.map((e): TrainingEntry => {
      const p = Object.hasOwn(progress.scenarios, e.scenario) ? progress.scenarios[e.scenario] : undefined;
      return {
        id: e.scenario,
        title: meta.get(e.scenario)?.title ?? '',
        patterns: patternsOf(meta.get(e.scenario), level),
        doneWhen: e.doneWhen,
        done: isDone(p, e.doneWhen),
        next: e.scenario === next,
        attempts: p?.attempts ?? 0,
        inProgress: p?.inProgress ?? false,
        lastVerdict: p?.lastVerdict ?? null,
        best: p?.best ?? null,
      };
    }),
  }));
  const entries = levels.flatMap((l) => l.scenarios);
  return {
    progressFile,
    next,
    done: entries.filter((e) => e.done).length,
    total: entries.length,
    levels,
    leftOut: curriculum.leftOut.map((l) => ({ id: l.scenario, title: meta.get(l.scenario)?.title ?? '', reason: l.reason })),
  };
}

function patternsOf(meta: ScenarioMeta | undefined, level: CurriculumLevel): Pattern[] {
  // A scenario of one's own may name no pattern: its level speaks for it.
  return meta && meta.patterns.length > 0 ? [...meta.patterns] : level.patterns;
}

export function trainingListJson(view: TrainingView): string {
  return `${JSON.stringify(view, null, 2)}\n`;
}

export interface ListStyle {
  done(text: string): string;
  next(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const PLAIN: ListStyle = { done: (t) => t, next: (t) => t, dim: (t) => t, bold: (t) => t };
const WIDTH = 80;

/**
 * The curriculum level by level, for a terminal or a log: per scenario, a line with its id and
 * the patterns it teaches, then one with the learner's best run. Fits 80 columns.
 */
export function formatTrainingList(view: TrainingView, style: ListStyle = PLAIN): string {
  const idWidth = Math.max(...view.levels.flatMap((l) => l.scenarios.map((e) => e.id.length)));
  const out: string[] = [
    style.bold(`Training: ${view.levels.length} levels, ${view.total} scenarios, ${view.done} done`),
    style.dim(`progress: ${view.progressFile}`),
    '',
  ];
  for (const level of view.levels) {
    out.push(style.bold(`Level ${level.number}. ${level.title}`));
    out.push(`  teaches: ${level.patterns.join(', ')}`);
    out.push(...wrap(level.why, '  why: ', '       ').map(style.dim), '');
    for (const e of level.scenarios) {
      const mark = e.done ? style.done('done') : e.next ? style.next('next') : '    ';
      out.push(`  ${mark}  ${e.id.padEnd(idWidth)}  ${style.dim(e.patterns.join(', '))}`);
      out.push(`        ${status(e)}`);
    }
    out.push('');
  }
  if (view.leftOut.length > 0) {
    out.push(style.bold('Left out'));
    for (const l of view.leftOut) out.push(`  ${l.id}`, ...wrap(l.reason, '    ', '    ').map(style.dim));
    out.push('');
  }
  out.push(view.next === null ? 'Every level is done.' : `Next: firedrill train ${view.next}`);
  return `${out.join('\n')}\n`;
}

/** Best score, best recovery time and its date, or why there is none yet. */
function status(e: TrainingEntry): string {
  const unfinished = e.inProgress ? 'in progress' : '';
  const note = e.doneWhen === 'finished' ? '; no play can win it, finishing completes it' : '';
  const tries = `${e.attempts} attempt${e.attempts === 1 ? '' : 's'}`;
  // Drills ended before the incident was detected are attempts with no score to be best by.
  if (!e.best) return e.attempts > 0 ? `${tries}, none scored yet${unfinished ? `; ${unfinished}` : ''}${note}` : `${unfinished || 'not tried'}${note}`;
  const b = e.best;
  const recovered = b.recoverMs === null ? 'never recovered' : `recovered in ${formatClock(b.recoverMs)}`;
  const hints = `${b.hintsUsed} hint${b.hintsUsed === 1 ? '' : 's'}`;
  return `best ${b.score}/100 ${b.verdict}, ${recovered}, on ${b.date.slice(0, 10)}, ${hints}, ${tries}${unfinished ? `; ${unfinished}` : ''}`;
}

/** One paragraph, whatever its line breaks in the file, broken into lines of at most WIDTH. */
function wrap(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let fresh = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!fresh && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest;
      fresh = true;
    }
    line += fresh ? word : ` ${word}`;
    fresh = false;
  }
  lines.push(line);
  return lines;
}
