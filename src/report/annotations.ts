import { inertText } from '../core/inert.js';
import { formatClock } from '../core/monitors.js';
import type { Report } from './report.js';
import { casesFailuresFirst, expectedLine, interruptionLine, outcome } from './sweep/figures.js';
import { caseKey, replayCommand, type CaseInfo } from './sweep/header.js';
import type { SweepParts } from './sweep/reader.js';
import type { CaseSummary } from './sweep/summary.js';

/**
 * GitHub Actions workflow commands (`::error` and `::notice` lines) for what a run came to: each
 * case that fails the run is an error on its scenario file, each expected miss a notice, so
 * they show on the pull request and the run's page without opening the log.
 */

/**
 * Escaping as @actions/core does it: a message keeps its line breaks, a property its commas and
 * colons; other control characters show as their escapes, as in every output.
 */
function data(text: string): string {
  return inertText(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function workflowCommand(kind: 'error' | 'notice', props: { file?: string; title: string }, message: string): string {
  const file = props.file ? `file=${property(props.file)},` : '';
  return `::${kind} ${file}title=${property(props.title)}::${data(message)}`;
}

/** The scenario's file when it was named by one (a built-in id names none in the user's repository). */
function scenarioFile(info: Pick<CaseInfo, 'scenarioRef'>): string | undefined {
  return /\.ya?ml$/i.test(info.scenarioRef) ? info.scenarioRef : undefined;
}

function caseAnnotation(info: CaseInfo, c: CaseSummary, detail: Report | undefined): string | null {
  const file = scenarioFile(info);
  const who = `${info.scenario} with ${info.playbook}`;
  if (c.status === 'expected-miss' && info.expectedMiss) return workflowCommand('notice', { file, title: `${who}: missed as expected` }, info.expectedMiss.reason);
  if (c.status === 'unexpected-pass' && info.expectedMiss) return workflowCommand('error', { file, title: `${who}: met its target though expected to miss` }, expectedLine(c, info.expectedMiss));
  if (c.status !== 'failed' || !c.worst) return null;
  const seeds = c.drills === 1 ? 'missed' : `${c.failed} of ${c.drills} seeds missed`;
  return workflowCommand('error', { file, title: `${who}: ${seeds} the ${formatClock(info.targetMs)} target` }, missMessage(c.worst.seed, c.worst.outcome, detail?.reasons ?? [], c.worst.replay));
}

/** What a miss annotation says: the drill's outcome, its first reasons, and how to replay it. */
function missMessage(seed: number, what: string, reasons: readonly string[], replay: string): string {
  return [`seed ${seed}: ${what}`, ...reasons.slice(0, REASONS_SHOWN).map((r) => `- ${r}`), `replay: ${replay}`].join('\n');
}

const REASONS_SHOWN = 3;

/** One line per case that fails the run or missed as expected, failures first; one for an interrupted run. */
export function runAnnotations(parts: SweepParts): string[] {
  const { header: h, summary: s } = parts;
  const details = new Map(parts.details.map((d) => [caseKey(d.scenario, d.playbook ?? ''), d]));
  const out: string[] = [];
  if (s.interrupted) out.push(workflowCommand('error', { title: 'firedrill run interrupted' }, `${interruptionLine(s.interrupted, s.drills)}: the run did not finish, so its result proves nothing`));
  for (const i of casesFailuresFirst(s)) {
    const info = h.cases[i]!;
    const line = caseAnnotation(info, s.cases[i]!, details.get(caseKey(info.scenario, info.playbook)));
    if (line) out.push(line);
  }
  return out;
}

/** The annotation of a single drill run alone, or null when it met its target as it should. */
export function drillAnnotation(info: CaseInfo, r: Report): string | null {
  const file = scenarioFile(info);
  const who = `${info.scenario} with ${info.playbook}`;
  const pass = r.verdict === 'PASS';
  if (info.expectedMiss) {
    if (!pass) return workflowCommand('notice', { file, title: `${who}: missed as expected` }, info.expectedMiss.reason);
    return workflowCommand('error', { file, title: `${who}: met its target though expected to miss` }, expectedLine({ status: 'unexpected-pass', passed: 1, drills: 1 }, info.expectedMiss));
  }
  if (pass) return null;
  return workflowCommand('error', { file, title: `${who}: missed the ${formatClock(info.targetMs)} target` }, missMessage(r.seed, outcome(r, info.targetMs), r.reasons, replayCommand(info, r.seed)));
}
