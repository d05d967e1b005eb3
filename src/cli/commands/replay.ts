import { existsSync, readFileSync, statSync } from 'node:fs';
import { replay } from '../../drill/replay.js';
import { parseJournal, type ParsedJournal } from '../../formats/journal.js';
import type { Scenario } from '../../formats/scenario.js';
import { InputError } from '../../formats/source.js';
import { buildReport, reportJson } from '../../report/report.js';
import { reportText } from '../../report/text.js';
import { terminalStyle, UsageError, type Io } from '../io.js';
import { resultDigest } from '../journal.js';
import { resolveScenario, scenarioFromFile, version } from '../library.js';
import type { CommandDef } from './command.js';

/** A journal holds one line per command: far smaller than this for any drill a person runs. */
export const MAX_JOURNAL_BYTES = 64 * 1_048_576;

function readJournal(path: string): ParsedJournal {
  const fail = (message: string): never => {
    throw new InputError([{ file: path, line: 1, column: 1, path: '', message }]);
  };
  if (!existsSync(path)) fail('no such file');
  if (statSync(path).size > MAX_JOURNAL_BYTES) fail(`journal is larger than ${MAX_JOURNAL_BYTES} bytes`);
  return parseJournal(readFileSync(path, 'utf8'), path);
}

/** The scenario the journal was recorded against, refusing one that has changed since. */
function journalScenario(journal: ParsedJournal, path: string, override: string | undefined): Scenario {
  const recorded = journal.header.scenario;
  const scenario = override !== undefined ? scenarioFromFile(override) : existsSync(recorded.file) ? scenarioFromFile(recorded.file) : resolveScenario(recorded.id);
  if (scenario.digest !== recorded.digest) {
    throw new InputError([
      {
        file: path,
        line: 1,
        column: 1,
        path: 'scenario.digest',
        message: `the journal was recorded against ${recorded.id} with digest ${recorded.digest}; ${scenario.file} now has ${scenario.digest}: it has changed since, so the drill cannot be replayed as it was`,
      },
    ]);
  }
  return scenario;
}

export const replayCommand: CommandDef = {
  name: 'replay',
  usage: 'firedrill replay JOURNAL [--verify] [--scenario FILE] [--json]',
  summary: 'run a recorded drill again from its journal, and check it comes to the same result',
  help: [
    'Replays the commands of a journal (written by `firedrill run --journal FILE`, or by a team',
    'drill) at the simulated times they were submitted, and prints the report. A journal cut short',
    'by a kill replays up to its last whole line, and says where it stopped.',
    '',
    'Options:',
    '  --verify          check that the replay comes to exactly the recorded result (exit 3 if not:',
    '                    that is a bug); needs a journal whose drill ran to its end',
    '  --scenario FILE   the scenario, if it is no longer where the journal says it was',
    '  --json            print the report as one JSON document',
  ].join('\n'),
  options: { verify: { type: 'boolean' }, scenario: { type: 'string' }, json: { type: 'boolean' } },
  run({ positionals, values }, io: Io) {
    if (positionals.length !== 1) throw new UsageError('name one journal', 'replay');
    const path = positionals[0]!;
    const journal = readJournal(path);
    const scenario = journalScenario(journal, path, values.scenario as string | undefined);
    if (journal.stopped) io.err(`firedrill: ${path}: ${journal.stopped.why}\n`);
    if (values.verify && !journal.end) throw new UsageError(`${path} has no end line (the drill did not run to its end): there is no recorded result to verify against`, 'replay');
    const session = replay(scenario, journal.header.seed, journal.entries, journal.header.watched);
    const report = buildReport(session, {
      firedrill: version(),
      scenario,
      ...(journal.header.playbook ? { playbookRef: journal.header.playbook } : {}),
    });
    if (values.verify) {
      const digest = resultDigest(session);
      if (digest !== journal.end!.result) {
        if (journal.header.firedrill !== version()) {
          io.err(`firedrill: the replay differs from the recorded drill, which firedrill ${journal.header.firedrill} recorded; this is ${version()}\n`);
          return 1;
        }
        throw new Error(`replaying ${path} came to ${digest}, not the recorded ${journal.end!.result}: the same inputs gave another drill`);
      }
      io.err(`firedrill: the replay matches the recorded drill (${digest})\n`);
    }
    io.out(
      values.json
        ? reportJson(report)
        : reportText(report, `firedrill replay ${path}`, terminalStyle(io)),
    );
    return report.verdict === 'PASS' ? 0 : 1;
  },
};
