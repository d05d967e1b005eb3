import { SweepWriter } from '../../report/sweep/document.js';
import type { SweepHeader } from '../../report/sweep/header.js';
import type { SweepSummary } from '../../report/sweep/summary.js';
import { sweepText } from '../../report/sweep/summary-text.js';
import { paint, type Io } from '../io.js';
import { AtomicFile, fileLines } from '../stream-file.js';
import { drillsIn, executeSweep } from './execute.js';
import { outputPath, renderReports, writing, type Format } from './outputs.js';
import type { SweepPlan } from './plan.js';
import { Progress } from './progress.js';

export interface ReportFiles {
  outDir: string;
  formats: Format[];
}

export function textStyle(io: Io): Parameters<typeof sweepText>[2] {
  return {
    verdict: (t, pass) => paint(io, pass ? 'green' : 'red', t),
    dim: (t) => paint(io, 'dim', t),
    bold: (t) => paint(io, 'bold', t),
  };
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
    private readonly command: string,
  ) {
    this.file = files ? writing(files.outDir, command, () => new AtomicFile(outputPath(files.outDir, 'json'))) : null;
    const file = this.file;
    this.writer = file ? new SweepWriter((t) => file.write(t)) : json ? new SweepWriter((t) => io.out(t)) : null;
  }

  /** Renders the reports asked for from the finished result file; returns the files written. */
  finish(io: Io): string[] {
    const { file, files } = this;
    if (!file || !files) return [];
    return writing(files.outDir, this.command, () => {
      const keep = files.formats.includes('json');
      if (keep) file.commit();
      else file.close();
      const source = keep ? file.path : file.temp;
      try {
        const written = renderReports(source, files.outDir, files.formats, io);
        return keep ? [file.path, ...written] : written;
      } finally {
        if (!keep) file.abort();
      }
    });
  }

  abort(): void {
    this.file?.abort();
  }

  /** Until the returned function is called, an interrupt (Ctrl-C) removes the half-written file first. */
  cleanOnInterrupt(): () => void {
    const onInterrupt = (): void => {
      this.abort();
      process.exit(130);
    };
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onInterrupt);
    return () => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    };
  }
}

/** What a sweep or a merge prints once its reports are written; returns the exit code. */
export function conclude(header: SweepHeader, summary: SweepSummary, sink: ResultSink, json: boolean, io: Io): number {
  const written = sink.finish(io);
  if (json) {
    if (sink.file) for (const line of fileLines(sink.file.path)) io.out(`${line}\n`);
  } else {
    io.out(sweepText(header, summary, textStyle(io)));
    if (written.length > 0) io.out(`\nReports: ${written.join(', ')}\n`);
  }
  return summary.verdict === 'PASS' ? 0 : 1;
}

/** Runs a planned sweep on worker threads, streaming each drill to the result file as it lands. */
export async function runSweep(plan: SweepPlan, options: { workers: number; files: ReportFiles | null; json: boolean }, io: Io): Promise<number> {
  const sink = new ResultSink(options.files, options.json, io, 'run');
  const progress = new Progress(io, drillsIn(plan), 'firedrill run');
  const release = sink.cleanOnInterrupt();
  try {
    sink.writer?.begin(plan.header);
    const { summary, details } = await executeSweep(plan, {
      workers: options.workers,
      onDrill: (r) => {
        sink.writer?.drill(r);
        progress.tick(r.verdict === 'PASS');
      },
    });
    progress.finish();
    sink.writer?.end(summary, details);
    return conclude(plan.header, summary, sink, options.json, io);
  } catch (e) {
    progress.finish();
    sink.abort();
    throw e;
  } finally {
    release();
  }
}
