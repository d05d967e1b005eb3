/**
 * Opens the screens module, and with it Ink. Ink reads CI and CONTINUOUS_INTEGRATION once, as it
 * loads, and where either is set it draws nothing until the program ends (its output is meant
 * for build logs). A screen opens only on a terminal, where a person asked to watch it live, so
 * Ink is loaded with those two hidden; they are put back at once, and whatever the drill starts
 * afterwards sees the environment it was given.
 */
const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

export async function openScreens(env: NodeJS.ProcessEnv = process.env): Promise<typeof import('../tui/screens.js')> {
  const hidden = CI_VARIABLES.filter((name) => name in env).map((name) => [name, env[name]] as const);
  for (const [name] of hidden) delete env[name];
  try {
    return await import('../tui/screens.js');
  } finally {
    for (const [name, value] of hidden) env[name] = value;
  }
}
