import { createHash } from 'node:crypto';
import { WORLD_VERSION } from '../core/world-version.js';
import type { Session } from '../drill/session.js';
import { JOURNAL_FORMAT, JOURNAL_FORMAT_VERSION, type Executor, type JournalHeader, type JournalMode } from '../formats/journal.js';
import type { Playbook } from '../formats/playbook.js';
import type { Scenario } from '../formats/scenario.js';
import { JournalFile } from './journal-file.js';
import { version } from './library.js';

export interface JournalSetup {
  mode: JournalMode;
  executor: Executor;
  /** The playbook that executes the drill (`run`, `watch`). */
  driver?: Playbook;
  /** A playbook only shown, such as the best play in a team's debrief. */
  reference?: Playbook;
}

/** The header of a journal: what the drill is, so a replay can rebuild it and tell whether it may verify it. */
export function journalHeader(scenario: Scenario, seed: number, setup: JournalSetup): JournalHeader {
  const { driver, reference } = setup;
  return {
    format: JOURNAL_FORMAT,
    formatVersion: JOURNAL_FORMAT_VERSION,
    firedrill: version(),
    worldVersion: WORLD_VERSION,
    scenario: { id: scenario.meta.id, file: scenario.file, digest: scenario.digest },
    seed,
    mode: setup.mode,
    executor: setup.executor,
    playbooks: [
      ...(driver ? [{ name: driver.name, digest: driver.digest, role: 'driver' as const }] : []),
      ...(reference ? [{ name: reference.name, digest: reference.digest, role: 'reference' as const }] : []),
    ],
    watched: driver ? [...new Set(driver.uses.filter((u) => u.kind === 'metric').map((u) => u.name))] : [],
  };
}

/**
 * Opens a journal for a drill about to start: the header is on disk when this returns, and each
 * entry the session hands to `append` is one flushed line. `finishJournal` writes the end line.
 */
export function openJournal(path: string, header: JournalHeader): JournalFile {
  return new JournalFile(path, header);
}

/** The digest of what a drill came to: a replay that reproduces the drill has the same one. */
export function resultDigest(session: Session): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(session.result())).digest('hex')}`;
}

export function finishJournal(journal: JournalFile, session: Session): void {
  journal.finish({ atMs: session.now, verdict: session.result().verdict, result: resultDigest(session) });
}
