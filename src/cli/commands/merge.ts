import { UsageError, type Io } from '../io.js';
import { checkShards, mergeShards, resultFile } from '../sweep/merge.js';
import { defaultOutDir, FORMATS, outDirOption, parseFormats } from '../sweep/outputs.js';
import { conclude, ResultSink } from '../sweep/run-sweep.js';
import type { CommandDef } from './command.js';

export const mergeCommand: CommandDef = {
  name: 'merge',
  usage: 'firedrill merge RESULT... [--out DIR] [--format json,md,junit,html] [--json]',
  summary: 'combine the results of a sharded run into the report of the whole run',
  help: [
    'Reads the report.json of every shard of one run (firedrill run ... --shard K/N), checks they',
    'are all N shards of the same run, and writes the reports the unsharded run would have written,',
    'byte for byte. RESULT is a report.json or the folder holding it.',
    '',
    'Options:',
    '  --out DIR         where to write the reports (default reports/DATE-NAME/)',
    `  --format LIST     reports to write, comma-separated: ${FORMATS.join(', ')} (default: all)`,
    '  --json            print the merged result as one JSON document on stdout, nothing else',
    '',
    'Exit codes: 0 every drill met its target, 1 at least one missed it, 2 bad input or a file that',
    'cannot be written, 3 internal error.',
    '',
    'Example:',
    '  firedrill merge shard-1 shard-2 shard-3 --out reports/nightly',
  ].join('\n'),
  options: { out: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } },
  run({ positionals, values }, io: Io) {
    if (positionals.length === 0) throw new UsageError('name the result of every shard (report.json files or their folders)', 'merge');
    const out = outDirOption(values.out, 'merge');
    const shards = checkShards(positionals.map(resultFile));
    const merged = { ...shards[0]!.header, shard: null };
    const formats = parseFormats(values.format as string | undefined, 'merge');
    const outDir = out ?? defaultOutDir(merged, new Date());
    const sink = new ResultSink({ outDir, formats }, values.json === true, io);
    try {
      const { header, summary, details } = mergeShards(
        shards,
        (h) => sink.writer!.begin(h),
        (r) => sink.writer!.drill(r),
      );
      sink.writer!.end(summary, details);
      return conclude(header, summary, details, sink, values.json === true, io);
    } catch (e) {
      sink.abort();
      throw e;
    }
  },
};
