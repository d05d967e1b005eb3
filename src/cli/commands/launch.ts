import { createElement } from 'react';
import { join } from 'node:path';
import type { Io } from '../io.js';
import { builtinScenarios, resolvePlaybook, resolveScenario } from '../library.js';
import { drillFolder, playOnTerminal } from './play.js';
import { progressPathFor, trainOnTerminal } from './train.js';

/** `firedrill` on a terminal: the launcher, then the chosen drill on the same screen. */
export async function launch(io: Io): Promise<number> {
  const { render } = await import('ink');
  const { Launcher } = await import('../../tui/Launcher.js');
  const { makeTheme } = await import('../../tui/theme.js');
  let choice: import('../../tui/Launcher.js').LaunchChoice | undefined;
  const app = render(
    createElement(Launcher, {
      scenarios: builtinScenarios().map((s) => s.meta),
      theme: makeTheme(io.env as NodeJS.ProcessEnv, io.env.INK_SCREEN_READER === 'true'),
      onChoose: (c) => {
        choice = c;
      },
    }),
    { exitOnCtrlC: true },
  );
  await app.waitUntilExit();
  app.clear();
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
