import { z } from 'zod';
import { InputError } from '../../formats/source.js';
import type { Report } from '../report.js';
import { SWEEP_FORMAT, SWEEP_FORMAT_VERSION, type SweepHeader } from './header.js';
import type { DrillRecord } from './record.js';
import { drillRecordSchema, reportSchema, summarySchema } from './schema.js';
import type { SweepSummary } from './summary.js';

const caseInfo = z.object({
  scenario: z.string(),
  title: z.string(),
  playbook: z.string(),
  scenarioRef: z.string(),
  playbookRef: z.string(),
  targetMs: z.number(),
  versions: z.object({ scenario: z.string(), playbook: z.string() }),
  slos: z.array(z.object({ metric: z.string(), min: z.number().optional(), max: z.number().optional() })),
  metrics: z.array(z.object({ name: z.string(), kind: z.string(), good: z.enum(['high', 'low']), description: z.string() })),
  tags: z.array(z.string()),
  expectedMiss: z.object({ reason: z.string(), listedAt: z.string() }).nullable(),
});

const header = z.object({
  format: z.literal(SWEEP_FORMAT),
  formatVersion: z.literal(SWEEP_FORMAT_VERSION),
  firedrill: z.string(),
  command: z.string(),
  seeds: z.object({ first: z.number().int(), last: z.number().int() }),
  shard: z.object({ index: z.number().int(), count: z.number().int() }).nullable(),
  cases: z.array(caseInfo),
  skipped: z.array(z.object({ scenario: z.string(), scenarioRef: z.string(), playbook: z.string(), lacks: z.array(z.string()), problems: z.array(z.string()) })),
});

/** The parts of a result file around its drills. */
export interface SweepParts {
  header: SweepHeader;
  summary: SweepSummary;
  details: Report[];
}

type Item = { kind: 'header'; header: SweepHeader } | { kind: 'drill'; record: DrillRecord } | { kind: 'end'; summary: SweepSummary; details: Report[] };

class Lines {
  n = 0;
  private readonly it: Iterator<string>;

  constructor(
    lines: Iterable<string>,
    readonly file: string,
  ) {
    this.it = lines[Symbol.iterator]();
  }

  next(expected: string): string {
    const r = this.it.next();
    this.n++;
    if (r.done) this.fail(`the file ends early: expected ${expected}`);
    return r.value;
  }

  /** Lets the source close its file when reading stops early. */
  close(): void {
    this.it.return?.();
  }

  fail(message: string): never {
    throw new InputError([
      { file: this.file, line: this.n, column: 1, path: '', message: `${message} (a result file is the report.json that firedrill run writes, unchanged)` },
    ]);
  }

  json(text: string, what: string): unknown {
    try {
      return JSON.parse(text);
    } catch (e) {
      return this.fail(`${what} is not valid JSON: ${(e as Error).message}`);
    }
  }
}

/** A value read from the file, checked against what `run` writes there; the value as read. */
function checked<T>(value: unknown, schema: z.ZodType, what: string, lines: Lines): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    lines.fail(`expected ${what}: ${at}${issue.message.replace(/^Invalid input: /, '')}`);
  }
  return value as T;
}

function* scan(input: Iterable<string>, file: string, parseDrills: boolean): Generator<Item> {
  const lines = new Lines(input, file);
  try {
    yield* items(lines, parseDrills);
  } finally {
    lines.close();
  }
}

function* items(lines: Lines, parseDrills: boolean): Generator<Item> {
  const first = lines.next('the header');
  if (!first.startsWith('{"header":') || !first.endsWith(',')) lines.fail('expected {"header":{...}, on the first line');
  const parsed = header.safeParse(lines.json(first.slice('{"header":'.length, -1), 'the header'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    lines.fail(`header.${issue.path.join('.')}: ${issue.message}`);
  }
  yield { kind: 'header', header: parsed.data as SweepHeader };
  if (lines.next('"drills":[') !== '"drills":[') lines.fail('expected "drills":[ on the second line');
  for (;;) {
    const line = lines.next('a drill or ],');
    if (line === '],') break;
    if (!parseDrills) continue;
    const text = line.endsWith(',') ? line.slice(0, -1) : line;
    yield { kind: 'drill', record: checked<DrillRecord>(lines.json(text, 'a drill'), drillRecordSchema, 'a drill', lines) };
  }
  const summaryLine = lines.next('"summary":{...},');
  if (!summaryLine.startsWith('"summary":') || !summaryLine.endsWith(',')) lines.fail('expected "summary":{...},');
  const summary = checked<SweepSummary>(lines.json(summaryLine.slice('"summary":'.length, -1), 'the summary'), summarySchema, 'the summary', lines);
  if (lines.next('"details":[') !== '"details":[') lines.fail('expected "details":[');
  const details: Report[] = [];
  for (;;) {
    const line = lines.next('a report or ]}');
    if (line === ']}') break;
    details.push(checked<Report>(lines.json(line.endsWith(',') ? line.slice(0, -1) : line, 'a report'), reportSchema, 'the report of a drill', lines));
  }
  yield { kind: 'end', summary, details };
}

/** Header, summary and details of a result file, passing over its drills without parsing them. */
export function readSweepParts(lines: Iterable<string>, file: string): SweepParts {
  let h: SweepHeader | undefined;
  for (const item of scan(lines, file, false)) {
    if (item.kind === 'header') h = item.header;
    if (item.kind === 'end') return { header: h!, summary: item.summary, details: item.details };
  }
  throw new Error('unreachable: scan always ends with the summary or throws');
}

/** The drills of a result file, one at a time, in the order they were written. */
export function* readSweepDrills(lines: Iterable<string>, file: string): Generator<DrillRecord> {
  for (const item of scan(lines, file, true)) if (item.kind === 'drill') yield item.record;
}

/** The header alone (the first line), to check shards belong together before reading them. */
export function readSweepHeader(lines: Iterable<string>, file: string): SweepHeader {
  for (const item of scan(lines, file, false)) if (item.kind === 'header') return item.header;
  throw new Error('unreachable: scan yields the header first or throws');
}
