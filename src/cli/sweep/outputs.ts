import { join, relative, resolve, sep } from 'node:path';
import { nearest } from '../../core/names.js';
import { sweepHtml } from '../../report/html/page.js';
import { junitXml } from '../../report/junit.js';
import { sweepMarkdown } from '../../report/markdown.js';
import type { SweepHeader } from '../../report/sweep/header.js';
import { readSweepDrills, readSweepParts } from '../../report/sweep/reader.js';
import type { DrillRecord } from '../../report/sweep/record.js';
import { appendChecked, writeAtomic } from '../write-file.js';
import { UsageError, type Io } from '../io.js';
import { AtomicFile, fileLines } from '../stream-file.js';

export const FORMATS = ['json', 'md', 'junit', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export const FILE_NAMES: Record<Format, string> = { json: 'report.json', md: 'report.md', junit: 'junit.xml', html: 'report.html' };

export function parseFormats(text: string | undefined, command: string): Format[] {
  if (text === undefined) return [...FORMATS];
  const asked = text.split(',').map((f) => f.trim()).filter((f) => f !== '');
  for (const f of asked) {
    if ((FORMATS as readonly string[]).includes(f)) continue;
    const guess = nearest(f, FORMATS);
    throw new UsageError(`unknown format '${f}'${guess ? `; did you mean '${guess}'?` : ''} (formats: ${FORMATS.join(', ')})`, command);
  }
  if (asked.length === 0) throw new UsageError(`--format needs at least one of ${FORMATS.join(', ')}`, command);
  return FORMATS.filter((f) => asked.includes(f));
}

/**
 * Whether a run's result carries charts. The HTML report draws them from the detailed report of
 * each case's worst seed; the JSON result (a report.json, or the document --json prints)
 * keeps them in those detailed reports, so that `merge` can draw the HTML report of shards
 * later. Markdown and JUnit draw none: a run writing only those records no charts at all.
 */
export function resultHasCharts(formats: readonly Format[] | null, json: boolean): boolean {
  return json || (formats !== null && (formats.includes('html') || formats.includes('json')));
}

/** A name that is safe as one path segment: ids and playbook names come from input files. */
export function safeName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
    .replace(/[-.]+$/, '');
  return name === '' ? 'run' : name;
}

/** What a run is called in its default folder name: the playbook, and the scenario when alone. */
export function runName(h: SweepHeader): string {
  const scenarios = [...new Set(h.cases.map((c) => c.scenario))];
  const playbooks = [...new Set(h.cases.map((c) => c.playbook))];
  const parts = scenarios.length === 1 ? [scenarios[0]!, ...playbooks] : playbooks.length === 1 ? playbooks : [`${scenarios.length}-scenarios`];
  const shard = h.shard ? [`shard-${h.shard.index}-of-${h.shard.count}`] : [];
  return safeName([...parts, ...shard].join('-'));
}

/** reports/<local date>-<name>: the date is the wall clock's, in the folder name only, never in a report. */
export function defaultOutDir(h: SweepHeader, now: Date): string {
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return join('reports', `${date}-${runName(h)}`);
}

/** The folder --out names, if it names one; an empty name would be the current folder, and is refused. */
export function outDirOption(out: unknown, command: string): string | undefined {
  if (out === undefined) return undefined;
  if (typeof out !== 'string' || out.trim() === '') throw new UsageError('--out needs a folder name: an empty one would write the reports into the current folder', command);
  return out;
}

/** The path of one report file, checked to stay inside the output folder. */
export function outputPath(outDir: string, format: Format): string {
  const path = join(outDir, FILE_NAMES[format]);
  const inside = relative(resolve(outDir), resolve(path));
  if (inside.startsWith('..') || inside.includes(sep) || inside === '') throw new Error(`report path ${path} escapes ${outDir}`);
  return path;
}

/**
 * Writes the Markdown, JUnit and HTML reports from a finished result file, reading its drills
 * again as a stream (for JUnit and the failing cases) rather than holding them. The Markdown
 * is also appended to $GITHUB_STEP_SUMMARY when it is set (the job summary of GitHub Actions).
 */
export function renderReports(resultFile: string, outDir: string, formats: readonly Format[], io: Io): string[] {
  const parts = readSweepParts(fileLines(resultFile), resultFile);
  const drills = (): Iterable<DrillRecord> => readSweepDrills(fileLines(resultFile), resultFile);
  const written: string[] = [];
  if (formats.includes('md')) {
    const md = sweepMarkdown(parts, drills());
    writeAtomic(outputPath(outDir, 'md'), md);
    written.push(outputPath(outDir, 'md'));
    const summaryFile = io.env.GITHUB_STEP_SUMMARY;
    if (summaryFile) appendChecked(summaryFile, `${md}\n`);
  }
  if (formats.includes('junit')) {
    const file = new AtomicFile(outputPath(outDir, 'junit'));
    try {
      for (const chunk of junitXml(parts, drills())) file.write(chunk);
      file.commit();
    } catch (e) {
      file.abort();
      throw e;
    }
    written.push(outputPath(outDir, 'junit'));
  }
  if (formats.includes('html')) {
    writeAtomic(outputPath(outDir, 'html'), sweepHtml(parts, drills()));
    written.push(outputPath(outDir, 'html'));
  }
  return written;
}
