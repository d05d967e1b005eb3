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
export interface ScreenTerminal {
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the command line chose colour, by the same rule for screens as for text. */
  color: boolean;
}

function look({ env, color }: ScreenTerminal): { theme: ReturnType<typeof makeTheme>; screenReader: boolean } {
  const screenReader = env.INK_SCREEN_READER === 'true';
  return { theme: makeTheme(color, screenReader), screenReader };
}

export async function showPlay(props: Omit<PlayAppProps, 'theme'>, terminal: ScreenTerminal): Promise<void> {
  const { theme, screenReader } = look(terminal);
  await render(createElement(PlayApp, { ...props, theme }), { exitOnCtrlC: true, maxFps: 15, isScreenReaderEnabled: screenReader }).waitUntilExit();
}

export async function showFacilitate(props: Omit<FacilitateAppProps, 'theme'>, terminal: ScreenTerminal): Promise<void> {
  const { theme, screenReader } = look(terminal);
  await render(createElement(FacilitateApp, { ...props, theme }), { exitOnCtrlC: true, maxFps: 15, isScreenReaderEnabled: screenReader }).waitUntilExit();
}

/** The launcher: the scenario, mode and seed chosen, or undefined when the person left. */
export async function chooseDrill(scenarios: readonly ScenarioMeta[], terminal: ScreenTerminal): Promise<LaunchChoice | undefined> {
  const { theme } = look(terminal);
  let choice: LaunchChoice | undefined;
  const app = render(createElement(Launcher, { scenarios, theme, onChoose: (c) => void (choice = c) }), { exitOnCtrlC: true });
  await app.waitUntilExit();
  app.clear();
  return choice;
}
