import { join } from 'node:path';
import type { Io } from '../io.js';
import { libraryOrder } from '../../formats/library-order.js';
import { builtinScenarios, CURRICULUM_FILE, curriculumFromFile, resolvePlaybook, resolveScenario } from '../library.js';
import { openScreens } from '../screens.js';
import { drillFolder, playOnTerminal } from './play.js';
import { progressPathFor, trainOnTerminal } from './train.js';

/** `firedrill` on a terminal: the launcher, then the chosen drill on the same screen. */
export async function launch(io: Io): Promise<number> {
  const { chooseDrill } = await openScreens();
  const scenarios = libraryOrder(builtinScenarios().map((s) => s.meta), curriculumFromFile(CURRICULUM_FILE));
  const choice = await chooseDrill(scenarios, io);
  if (!choice) return 0;
  if (choice.mode === 'training') return trainOnTerminal(io, choice.scenario, progressPathFor(io, undefined));
  const scenario = resolveScenario(choice.scenario);
  const playbook = choice.mode === 'watch' ? resolvePlaybook(scenario.meta.playbooks.reference) : undefined;
  return playOnTerminal(
    {
      scenario,
      seed: choice.seed,
      speed: 1,
      mode: choice.mode,
      ...(playbook ? { playbook } : {}),
      facilitator: false,
      journalPath: join(drillFolder(scenario.meta.id, choice.seed, new Date()), 'drill.jsonl'),
    },
    io,
  );
}
