import { runAnnotations } from '../../report/annotations.js';
import type { Report } from '../../report/report.js';
import { SweepWriter } from '../../report/sweep/document.js';
import { caseKey, type SweepHeader } from '../../report/sweep/header.js';
import type { SweepSummary } from '../../report/sweep/summary.js';
import { sweepText } from '../../report/sweep/summary-text.js';
import { outText } from '../fit-width.js';
import { terminalStyle, type Io } from '../io.js';
import { AtomicFile, fileLines } from '../stream-file.js';
import { removeFile } from '../write-file.js';
import { drillsIn, executeSweep, gridOf } from './execute.js';
import { drillsPerCase, sliceOf } from './grid.js';
import { TimeLeft } from './time-left.js';
import { FORMATS, outputPath, renderReports, resultHasCharts, type Format } from './outputs.js';
import type { SweepPlan } from './plan.js';
import { Progress } from './progress.js';

export interface ReportFiles {
  outDir: string;
  formats: Format[];
}

export function textStyle(io: Io): Parameters<typeof sweepText>[2] {
  return terminalStyle(io);
}

/**
 * Writes a result document: to a file in the output folder when reports are wanted (the other
 * formats are rendered from it), else straight to stdout for --json, else nowhere.
 */
export class ResultSink {
  readonly file: AtomicFile | null;
  readonly writer: SweepWriter | null;

  constructor(
    private readonly files: ReportFiles | null,
    json: boolean,
    io: Io,
  ) {
    this.file = files ? new AtomicFile(outputPath(files.outDir, 'json')) : null;
    const file = this.file;
    this.writer = file ? new SweepWriter((t) => file.write(t)) : json ? new SweepWriter((t) => io.out(t)) : null;
  }

  /**
   * Renders the reports asked for from the finished result file; returns the files written.
   * Reports of other formats an earlier run left in the folder are removed: a folder holds the
   * reports of one run.
   */
  finish(io: Io): string[] {
    const { file, files } = this;
    if (!file || !files) return [];
    const keep = files.formats.includes('json');
    if (keep) file.commit();
    else file.close();
    const source = keep ? file.path : file.temp;
    let written: string[];
    try {
      written = renderReports(source, files.outDir, files.formats, io);
    } finally {
      if (!keep) file.abort();
    }
    for (const f of FORMATS) if (!files.formats.includes(f)) removeFile(outputPath(files.outDir, f));
    return keep ? [file.path, ...written] : written;
  }

  abort(): void {
    this.file?.abort();
  }

}

/** Exit codes of a sweep stopped by a signal, as shells report them. */
export const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * The first Ctrl-C or SIGTERM stops the sweep after the drills already started, and their
 * results are written as usual, marked interrupted; a second one leaves at once, removing the
 * half-written file (never a truncated report). Returns the function that stops listening.
 */
function interruptible(io: Io, sink: ResultSink, stop: () => ((signal: string) => void) | undefined): () => void {
  let asked = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (asked) {
      sink.abort();
      io.err(`\nfiredrill: stopped at once (${signal} again); no report was written\n`);
      process.exit(SIGNAL_EXIT[signal] ?? 130);
    }
    asked = true;
    io.err(`\nfiredrill: ${signal}: finishing the drills already started, then writing their results (${signal} again to stop at once)\n`);
    stop()?.(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/**
 * Under GitHub Actions, the run's misses as annotations: on stdout, where the runner reads
 * workflow commands, or on stderr (which it reads too) when stdout is one JSON document.
 */
export function annotate(lines: readonly string[], json: boolean, io: Io): void {
  if (io.env.GITHUB_ACTIONS !== 'true') return;
  for (const line of lines) (json ? io.err : io.out)(`${line}\n`);
}

/** What a sweep or a merge prints once its reports are written; returns the exit code. */
export function conclude(header: SweepHeader, summary: SweepSummary, details: readonly Report[], sink: ResultSink, json: boolean, io: Io): number {
  const written = sink.finish(io);
  if (json) {
    if (sink.file) for (const line of fileLines(sink.file.path)) io.out(`${line}\n`);
  } else {
    outText(io, sweepText(header, summary, textStyle(io)));
    if (written.length > 0) io.out(`\nReports: ${written.join(', ')}\n`);
  }
  annotate(runAnnotations({ header, summary, details: [...details] }), json, io);
  if (summary.interrupted) {
    const { signal, planned, abandoned } = summary.interrupted;
    const left = abandoned ? ` (${abandoned} still running were abandoned)` : '';
    io.err(`firedrill: interrupted by ${signal}: ${summary.drills} of ${planned} drills finished${left}; the results above are theirs, complete, and the run is marked interrupted\n`);
    return SIGNAL_EXIT[signal] ?? 130;
  }
  return summary.status === 'passed' ? 0 : 1;
}

/** Runs a planned sweep on worker threads, streaming each drill to the result file as it lands. */
export async function runSweep(plan: SweepPlan, options: { workers: number; files: ReportFiles | null; json: boolean }, io: Io): Promise<number> {
  const sink = new ResultSink(options.files, options.json, io);
  const grid = gridOf(plan);
  const perCase = drillsPerCase(grid, sliceOf(grid, plan.header.shard));
  const timeLeft = new TimeLeft(plan.cases.map((c, i) => ({ drills: perCase[i]!, horizonMs: c.scenario.spec.horizonMs })));
  const progress = new Progress(io, drillsIn(plan), 'firedrill run', Date.now, (elapsedMs) => timeLeft.leftMs(elapsedMs));
  const expected = new Set(plan.header.cases.filter((c) => c.expectedMiss !== null).map((c) => caseKey(c.scenario, c.playbook)));
  const caseOf = new Map(plan.header.cases.map((c, i) => [caseKey(c.scenario, c.playbook), i]));
  let stop: ((signal: string) => void) | undefined;
  const release = interruptible(io, sink, () => stop);
  try {
    sink.writer?.begin(plan.header);
    const { summary, details } = await executeSweep(plan, {
      workers: options.workers,
      charts: resultHasCharts(options.files?.formats ?? null, options.json),
      onStoppable: (s) => {
        stop = s;
      },
      onDrill: (r) => {
        sink.writer?.drill(r);
        progress.tick(r.verdict === 'PASS', r.verdict === 'FAIL' && expected.has(caseKey(r.scenario, r.playbook)));
      },
      // Drills finish ahead of their turn in the file: what they cost counts as soon as it is known.
      onCost: (r, costMs) => timeLeft.add(caseOf.get(caseKey(r.scenario, r.playbook))!, costMs),
    });
    progress.finish();
    sink.writer?.end(summary, details);
    return conclude(plan.header, summary, details, sink, options.json, io);
  } catch (e) {
    progress.finish();
    sink.abort();
    throw e;
  } finally {
    release();
  }
}
