import { createHash } from 'node:crypto';
import type { Session } from '../drill/session.js';
import type { JournalHeader } from '../formats/journal.js';
import type { Playbook } from '../formats/playbook.js';
import type { Scenario } from '../formats/scenario.js';
import type { JournalFile } from './journal-file.js';
import { version } from './library.js';

export function journalHeader(scenario: Scenario, seed: number, playbook?: Playbook): JournalHeader {
  return {
    firedrill: version(),
    scenario: { id: scenario.meta.id, file: scenario.file, digest: scenario.digest },
    seed,
    playbook: playbook ? { name: playbook.name, digest: playbook.digest } : null,
    watched: playbook ? [...new Set(playbook.uses.filter((u) => u.kind === 'metric').map((u) => u.name))] : [],
  };
}

/** The digest of what a drill came to: a replay that reproduces the drill has the same one. */
export function resultDigest(session: Session): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(session.result())).digest('hex')}`;
}

export function finishJournal(journal: JournalFile, session: Session): void {
  journal.finish({ atMs: session.now, verdict: session.result().verdict, result: resultDigest(session) });
}
