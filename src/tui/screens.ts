import { render } from 'ink';
import { createElement } from 'react';
import type { ScenarioMeta } from '../formats/scenario.js';
import { FacilitateApp, type FacilitateAppProps } from './FacilitateApp.js';
import { Launcher, type LaunchChoice } from './Launcher.js';
import { PlayApp, type PlayAppProps } from './PlayApp.js';
import { makeTheme } from './theme.js';

/**
 * The screens as the command line opens them: each draws until the person leaves it. The only
 * place that starts Ink, so the rest of the program runs headless.
 */
type Env = Readonly<Record<string, string | undefined>>;

function look(env: Env): { theme: ReturnType<typeof makeTheme>; screenReader: boolean } {
  const screenReader = env.INK_SCREEN_READER === 'true';
  return { theme: makeTheme(env as NodeJS.ProcessEnv, screenReader), screenReader };
}

export async function showPlay(props: Omit<PlayAppProps, 'theme'>, env: Env): Promise<void> {
  const { theme, screenReader } = look(env);
  await render(createElement(PlayApp, { ...props, theme }), { exitOnCtrlC: true, maxFps: 15, isScreenReaderEnabled: screenReader }).waitUntilExit();
}

export async function showFacilitate(props: Omit<FacilitateAppProps, 'theme'>, env: Env): Promise<void> {
  const { theme, screenReader } = look(env);
  await render(createElement(FacilitateApp, { ...props, theme }), { exitOnCtrlC: true, maxFps: 15, isScreenReaderEnabled: screenReader }).waitUntilExit();
}

/** The launcher: the scenario, mode and seed chosen, or undefined when the person left. */
export async function chooseDrill(scenarios: readonly ScenarioMeta[], env: Env): Promise<LaunchChoice | undefined> {
  const { theme } = look(env);
  let choice: LaunchChoice | undefined;
  const app = render(createElement(Launcher, { scenarios, theme, onChoose: (c) => void (choice = c) }), { exitOnCtrlC: true });
  await app.waitUntilExit();
  app.clear();
  return choice;
}
