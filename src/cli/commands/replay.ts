import { existsSync } from 'node:fs';
import { formatClock } from '../../core/monitors.js';
import { WORLD_VERSION } from '../../core/world-version.js';
import { journalMisfit } from '../../drill/journal-fit.js';
import { replayJournal, type Replayed } from '../../drill/replay.js';
import { parseJournal, VERIFIABLE_FORMAT_VERSIONS, type ParsedJournal } from '../../formats/journal.js';
import type { Scenario } from '../../formats/scenario.js';
import { MAX_JOURNAL_BYTES } from '../../formats/limits.js';
import { InputError } from '../../formats/source.js';
import { buildReport, reportJson } from '../../report/report.js';
import { shellWord } from '../../report/sweep/header.js';
import { reportText } from '../../report/text.js';
import { terminalStyle, UsageError, type Io } from '../io.js';
import { outText } from '../fit-width.js';
import { resultDigest } from '../journal.js';
import { readBounded } from '../files.js';
import { resolveScenario, scenarioFromFile, version } from '../library.js';
import type { CommandDef } from './command.js';

function readJournal(path: string): ParsedJournal {
  return parseJournal(readBounded(path, MAX_JOURNAL_BYTES, 'journals').toString('utf8'), path);
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

/** Why this version cannot vouch for a replay of the journal: it was recorded in another format or by another world. */
function otherVersion(journal: ParsedJournal): { field: string; message: string } | undefined {
  const { formatVersion, worldVersion, firedrill } = journal.header;
  if (!VERIFIABLE_FORMAT_VERSIONS.includes(formatVersion)) {
    const world = worldVersion === null ? ', which records no world version' : '';
    return { field: 'formatVersion', message: `recorded in journal format ${formatVersion}${world} (firedrill ${firedrill}); this firedrill verifies formats ${VERIFIABLE_FORMAT_VERSIONS.join(' and ')}` };
  }
  if (worldVersion !== WORLD_VERSION) {
    return { field: 'worldVersion', message: `recorded by world version ${worldVersion} (firedrill ${firedrill}); this firedrill simulates world version ${WORLD_VERSION}, where the same inputs may come to another drill` };
  }
  return undefined;
}

/** Refuses an entry no drill of the scenario could have recorded, naming its line. */
function checkEntries(journal: ParsedJournal, scenario: Scenario, path: string): void {
  const misfit = journalMisfit(scenario, journal.entries);
  if (misfit) throw new InputError([{ file: path, line: journal.lines[misfit.index]!, column: 1, path: misfit.field, message: misfit.message }]);
}

/** Refuses a journal whose replay met a command the drill refused before it reached the world, naming its line. */
function checkRefused(journal: ParsedJournal, replayed: Replayed, path: string): void {
  if (!replayed.refused) return;
  const { index, reason } = replayed.refused;
  const entry = journal.entries[index]!;
  const [field, what] = entry.kind === 'command' ? ['command', `'${entry.command}'`] : [entry.kind, `this ${entry.kind}`];
  throw new InputError([{ file: path, line: journal.lines[index]!, column: 1, path: field, message: `${what} is refused before it reaches the world (${reason}): a drill journals no such ${field}` }]);
}

/** What the replay says on stderr about the journal before its report. */
function notices(journal: ParsedJournal, path: string, other: { message: string } | undefined): string[] {
  const { formatVersion } = journal.header;
  return [
    ...(journal.stopped ? [journal.stopped.why] : []),
    ...(other ? [`${other.message}: replayed as this version plays it`] : []),
    ...(journal.chained ? [] : [`journal format ${formatVersion} carries no digest chain: a change made to it after it was written cannot be detected`]),
    ...(journal.skipped ? [`left out ${journal.skipped.count} entries of kinds this version does not know (${journal.skipped.kinds.join(', ')})`] : []),
  ].map((n) => `firedrill: ${path}: ${n}\n`);
}

export const replayCommand: CommandDef = {
  name: 'replay',
  usage: 'firedrill replay JOURNAL [--verify] [--scenario FILE] [--json]',
  summary: 'run a recorded drill again from its journal, and check it comes to the same result',
  help: [
    'Replays a journal (written by `firedrill run --journal FILE`, or by a team drill): its commands,',
    'injects, hints, notes and the facilitator\'s end, at the simulated times they happened, then runs',
    'the drill on to its end and prints the report. A journal cut short by a kill replays up to its',
    'last whole line, and says where it stopped. A journal recorded in another journal format, or by',
    'another version of the simulated world, is replayed as this version plays it, and says so.',
    '',
    'Each line of a journal holds the digest of the line before it, and its end line the digest of',
    'the whole: a line changed, removed, inserted or moved after the journal was written is refused',
    '(exit 2, naming the line), and so is an entry no drill of the scenario could have recorded (at',
    'or after its horizon, an inject or hint it does not have, a command the drill refuses). Journals',
    'of formats 1 and 2 carry no digest chain: they replay, with a line saying so.',
    '',
    'Options:',
    '  --verify          check that the replay comes to exactly the recorded result (exit 3 if not:',
    '                    that is a bug); needs a journal whose drill ran to its end, recorded in',
    '                    journal format 2 or 3 by this world version (exit 2 otherwise)',
    '  --scenario FILE   the scenario, if it is no longer where the journal says it was',
    '  --json            print the report as one JSON document',
  ].join('\n'),
  options: { verify: { type: 'boolean' }, scenario: { type: 'string' }, json: { type: 'boolean' } },
  run({ positionals, values }, io: Io) {
    if (positionals.length !== 1) throw new UsageError('name one journal', 'replay');
    const path = positionals[0]!;
    const journal = readJournal(path);
    const scenario = journalScenario(journal, path, values.scenario as string | undefined);
    checkEntries(journal, scenario, path);
    const other = otherVersion(journal);
    if (values.verify) {
      if (!journal.end) throw new UsageError(`${path} has no end line (the drill did not run to its end): there is no recorded result to verify against`, 'replay');
      if (other) throw new InputError([{ file: path, line: 1, column: 1, path: other.field, message: `${other.message}: it cannot be verified here; replay it without --verify to see it` }]);
    }
    const replayed = replayJournal(scenario, journal.header.seed, journal.entries, journal.header.watched);
    checkRefused(journal, replayed, path);
    const { session, applied } = replayed;
    for (const line of notices(journal, path, other)) io.err(line);
    if (applied < journal.entries.length) {
      const left = journal.entries.length - applied;
      io.err(`firedrill: ${path}: the drill ended at ${formatClock(session.now)}, before the entry of line ${journal.lines[applied]}: ${left} ${left === 1 ? 'entry was' : 'entries were'} not replayed\n`);
    }
    const driver = journal.header.playbooks.find((p) => p.role === 'driver');
    const report = buildReport(session, {
      firedrill: version(),
      scenario,
      ...(driver ? { playbookRef: { name: driver.name, digest: driver.digest } } : {}),
    });
    if (values.verify) {
      const digest = resultDigest(session);
      if (digest !== journal.end!.result) {
        throw new Error(`replaying ${path} came to ${digest}, not the recorded ${journal.end!.result}: the same inputs and world version gave another drill`);
      }
      io.err(`firedrill: the replay matches the recorded drill (${digest})\n`);
    }
    if (values.json) io.out(reportJson(report));
    else outText(io, reportText(report, `firedrill replay ${shellWord(path)}`, terminalStyle(io)));
    return report.verdict === 'PASS' ? 0 : 1;
  },
};
