import { join } from 'node:path';
import { formatClock } from '../../core/monitors.js';
import type { DrillResult } from '../../core/result.js';
import { alignPlays } from '../../report/best-play.js';
import { referenceSteps } from '../../drill/facilitator-view.js';
import { drillPlaybook, type FiredInject } from '../../drill/playbook-runner.js';
import { Tabletop, type TabletopMode } from '../../drill/tabletop.js';
import { BY_HAND_PREFIX, splitExecutor, type Playbook } from '../../formats/playbook.js';
import type { Scenario } from '../../formats/scenario.js';
import { debriefLines } from '../../report/debrief.js';
import { buildReport, reportJson } from '../../report/report.js';
import { replayJournalCommand, shellWord } from '../../report/sweep/header.js';
import { fitWidth } from '../fit-width.js';
import { writeAtomic } from '../write-file.js';
import { UsageError, type Io } from '../io.js';
import { checkJournalPath } from '../checked-journal.js';
import { finishJournal, journalHeader, openJournal } from '../journal.js';
import { openPlayLink, type PlayLink } from '../play-link.js';
import { resolvePlaybook, resolveScenario, version } from '../library.js';
import { withMetricsMap } from '../playbook-arg.js';
import { safeName } from '../sweep/outputs.js';
import { intOption, type CommandDef } from './command.js';
import { openScreens } from '../screens.js';

const SPEED_MAX = 600;

export interface PlaySetup {
  scenario: Scenario;
  seed: number;
  speed: number;
  mode: TabletopMode;
  /** Watch mode: the playbook that drives the screen. */
  playbook?: Playbook;
  facilitator: boolean;
  /** The journal; the report and debrief are written beside it. */
  journalPath: string;
  /** Called with the drill's result when it is over (training records progress here). */
  onFinished?: (result: DrillResult, hintsUsed: number) => void;
  /** Offers "next scenario" in the debrief; called when the person picks it. */
  onNext?: () => void;
}

/** reports/<local date and time>-<scenario>-seed-<N>: one folder per tabletop, holding its journal and reports. */
export function drillFolder(scenarioId: string, seed: number, now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return join('reports', `${stamp}-${safeName(scenarioId)}-seed-${seed}`);
}

export function parseSpeed(value: unknown): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+(\.\d+)?x?$/.test(value.replace(/x$/, '')) || !(n > 0 || Number(value.replace(/x$/, '')) > 0)) {
    throw new UsageError(`--speed must be a positive number such as 1, 10 or 60, got '${String(value)}'`, 'play');
  }
  const speed = Number(value.replace(/x$/, ''));
  if (!(speed > 0) || speed > SPEED_MAX) throw new UsageError(`--speed must be above 0 and at most ${SPEED_MAX}, got '${value}'`, 'play');
  return speed;
}

/**
 * The reference playbook's drill on the same seed, against the same injects at the same times:
 * the best play the debrief and the facilitator show.
 */
function bestPlay(scenario: Scenario, playbook: Playbook, seed: number, injects: readonly FiredInject[] = []): { name: string; result: DrillResult } {
  const { session } = drillPlaybook(scenario, playbook, seed, undefined, injects);
  return { name: playbook.name, result: session.result() };
}

/**
 * Runs a tabletop on this terminal: briefing, live drill, debrief. The journal is written as
 * the drill goes, one flushed line per entry, so a kill leaves a journal that replays.
 */
export async function playOnTerminal(setup: PlaySetup, io: Io): Promise<number> {
  const { showPlay } = await openScreens();
  const { completeLine, previewLine } = await import('../../tui/complete.js');
  const { scenario, seed } = setup;
  const { journalPath } = setup;
  const base = journalPath.replace(/\.jsonl?$/, '');
  const reportPath = `${base}-report.json`;
  const debriefPath = `${base}-debrief.md`;
  const reference = resolvePlaybook(scenario.meta.playbooks.reference);
  const driver = setup.playbook;
  const journal = openJournal(
    journalPath,
    journalHeader(scenario, seed, {
      mode: setup.mode,
      executor: driver ? driver.executedBy : 'people',
      ...(driver ? { driver } : {}),
      // The best play the debrief shows, unless it is the playbook driving the screen.
      ...(driver?.digest === reference.digest ? {} : { reference }),
    }),
  );
  const bestAtStart = bestPlay(scenario, reference, seed);
  const tabletop = new Tabletop({
    scenario,
    seed,
    mode: setup.mode,
    speed: setup.speed,
    ...(setup.playbook ? { playbook: setup.playbook } : {}),
    onJournal: (entry) => journal.append(entry),
  });
  let finished = false;
  const finish = () => {
    finished = true;
    const report = buildReport(tabletop.session, { firedrill: version(), scenario, ...(setup.playbook ? { playbook: setup.playbook } : {}) });
    writeAtomic(reportPath, reportJson(report));
    finishJournal(journal, tabletop.session);
    // The best play faces the twists this team faced: the same injects at the same times.
    const fired = tabletop.injectsFired.map((i) => ({ id: i.id, atMs: i.tMs }));
    const best = fired.length > 0 ? bestPlay(scenario, reference, seed, fired) : bestAtStart;
    const lines = debriefLines({
      meta: scenario.meta,
      result: tabletop.session.result(),
      reference: best,
      hints: tabletop.hintsRevealed.map((h) => ({ ...h, text: scenario.meta.hints[h.index]!.text })),
      injects: tabletop.injectsFired.map((i) => ({ ...i, description: scenario.meta.injects.find((x) => x.id === i.id)!.description })),
      ...(tabletop.endedBy ? { endedBy: tabletop.endedBy } : {}),
      journalPath,
      reportPaths: [reportPath, debriefPath],
    });
    writeAtomic(debriefPath, `# ${scenario.meta.title}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`);
    const result = tabletop.session.result();
    setup.onFinished?.(result, tabletop.hintsRevealed.length);
    return { lines, plays: alignPlays(result, best.result), bestName: best.name };
  };
  const bestSteps = referenceSteps(bestAtStart.result);
  // Training is one learner's, with a coach: no second screen to attach.
  const link: PlayLink = setup.mode === 'training' ? { notice: '', close: async () => undefined } : await openPlayLink(io.env, tabletop, bestSteps);
  await showPlay(
    {
      tabletop,
      complete: (line: string) => completeLine(tabletop.session.drill.world, line),
      preview: (line: string) => previewLine(tabletop.session.drill.world, line),
      reference: bestSteps,
      facilitator: setup.facilitator,
      ...(link.server ? { link: link.server } : {}),
      ...(link.notice ? { linkNotice: link.notice } : {}),
      journalPath,
      finish,
      ...(setup.onNext ? { onNext: setup.onNext } : {}),
    },
    io,
  );
  tabletop.driver.stop();
  journal.close();
  const outcome = finished ? `the drill ended with ${tabletop.session.result().verdict} at ${formatClock(tabletop.now)}` : `the drill was left at ${formatClock(tabletop.now)}`;
  await link.close(`the play's screen has closed: ${outcome}`);
  if (!finished) {
    io.err(fitWidth(leftLines(formatClock(tabletop.now), journalPath), io.errColumns));
    return 130;
  }
  const verdict = tabletop.session.result().verdict;
  io.err(fitWidth(endedLines(`${verdict} at ${formatClock(tabletop.now)}`, [journalPath, reportPath, debriefPath], journalPath), io.errColumns));
  return verdict === 'PASS' ? 0 : 1;
}

/**
 * What a finished tabletop leaves on the terminal: where its files are and the command that
 * replays it, each path and the command on a line of their own, so none is cut mid-word.
 */
export function endedLines(outcome: string, files: readonly string[], journalPath: string): string {
  return [`firedrill: the drill ended with ${outcome}. The journal and the reports:`, ...files.map((f) => `  ${f}`), 'Replay it, checking it comes to the same result:', `  ${replayJournalCommand(journalPath)}`, ''].join('\n');
}

/** The same for a tabletop left before its end: its journal replays up to there and runs on. */
export function leftLines(at: string, journalPath: string): string {
  return [`firedrill: the drill was left at ${at}; its journal keeps the drill up to there:`, `  ${journalPath}`, 'Replay it up to there, then on to its end:', `  firedrill replay ${shellWord(journalPath)}`, ''].join('\n');
}

/** `reference` (or `human:reference`, carried out by people) names the scenario's own reference playbook. */
function ownPlaybook(typed: string, scenario: Scenario): string | undefined {
  const { ref, byHand } = splitExecutor(typed);
  if (ref !== 'reference') return undefined;
  return `${byHand ? BY_HAND_PREFIX : ''}${scenario.meta.playbooks.reference}`;
}

export const playCommand: CommandDef = {
  name: 'play',
  usage: 'firedrill play SCENARIO [--seed N] [--speed X] [--journal FILE [--force]] [--playbook P] [--facilitator]',
  summary: 'run a tabletop drill on this terminal: a team at the keyboard against a live simulated system',
  help: [
    'Opens the scenario\'s briefing; Enter starts the clock. The team types the same commands a',
    'playbook uses (help lists them, Tab completes, @name COMMAND says who typed it). Esc gives the',
    'facilitator\'s keys: pause, speed, injects, the next hint, end the drill. When the drill recovers,',
    'reaches its horizon or is ended, the debrief shows the verdict, the timeline and the best play.',
    '',
    'The facilitator\'s own screen: firedrill facilitate in a second terminal attaches to this play over',
    'a socket only you can open, and shows the hidden causes, the injects, the hints and the best play',
    'with the same controls, so the projected screen never shows the answer.',
    '',
    'Options:',
    '  --seed N          the drill\'s seed (default 1): the same commands at the same times give the same drill',
    '  --speed X         simulated seconds per wall second: 1, 2, 5, 10, 30, 60 (default 1)',
    '  --journal FILE    where to write the journal (default reports/DATE-TIME-SCENARIO-seed-N/drill.jsonl);',
    '                    the report and the debrief are written beside it',
    '  --playbook P      watch a playbook drive the screen instead of typing (a demo, or a comparison);',
    '                    human:P (or human:reference) watches people carry it out, paged and reading',
    '  --force           replace the journal file if it exists (it is refused otherwise)',
    '  --facilitator     a solo rehearsal: the facilitator\'s panel (the hidden causes, injects, hints,',
    '                    the best play) may be shown on this screen with Esc then t',
    '',
    'The journal replays with firedrill replay FILE --verify, also after Ctrl-C or a kill.',
    'Needs a terminal; to drill a playbook without one, use firedrill run SCENARIO --playbook P.',
  ].join('\n'),
  options: {
    seed: { type: 'string' },
    speed: { type: 'string' },
    journal: { type: 'string' },
    playbook: { type: 'string' },
    'metrics-map': { type: 'string' },
    facilitator: { type: 'boolean' },
    force: { type: 'boolean' },
  },
  async run({ positionals, values }, io: Io) {
    if (positionals.length !== 1) throw new UsageError('name one scenario (a file or a built-in id; firedrill list shows them)', 'play');
    const scenario = resolveScenario(positionals[0]!);
    const seed = intOption(values.seed, 'seed', 1);
    const speed = parseSpeed(values.speed);
    const playbook = typeof values.playbook === 'string' ? resolvePlaybook(ownPlaybook(values.playbook, scenario) ?? withMetricsMap(values.playbook, values['metrics-map'])) : undefined;
    if (!io.isTTY || !process.stdin.isTTY) {
      throw new UsageError(`play needs a terminal for its screen; to drill a playbook without one, use: firedrill run ${positionals[0]} --playbook ${values.playbook ?? scenario.meta.playbooks.reference}`, 'play');
    }
    const journalPath = typeof values.journal === 'string' ? values.journal : join(drillFolder(scenario.meta.id, seed, new Date()), 'drill.jsonl');
    // Last quarter's journal is a record a team keeps: never written over unless asked.
    checkJournalPath(journalPath, [scenario.file, ...(playbook ? [playbook.file] : [])], values.force === true, 'play');
    return playOnTerminal({ scenario, seed, speed, mode: playbook ? 'watch' : 'team', ...(playbook ? { playbook } : {}), facilitator: values.facilitator === true, journalPath }, io);
  },
};
