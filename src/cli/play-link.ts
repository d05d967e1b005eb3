import type { Tabletop } from '../drill/tabletop.js';
import { FacilitatorServer } from './facilitator-server.js';
import { ensureRuntimeFolder, playSocketPath, removeStaleSockets, runtimeFolder } from './runtime-folder.js';

/** A play's line to facilitators' screens, or why it has none. */
export interface PlayLink {
  server?: FacilitatorServer;
  /** One line for the briefing: how to attach, or why a facilitator cannot. */
  notice: string;
  /** Says goodbye to the screens and removes the socket. */
  close(reason: string): Promise<void>;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Opens the play's socket in the user's runtime folder. A drill does not need a second screen
 * to run, so a folder that cannot be used safely leaves the play without one, and says why.
 */
export async function openPlayLink(env: Readonly<Record<string, string | undefined>>, tabletop: Tabletop, reference: readonly string[]): Promise<PlayLink> {
  let server: FacilitatorServer;
  try {
    const folder = runtimeFolder(env);
    ensureRuntimeFolder(folder);
    removeStaleSockets(folder);
    server = await FacilitatorServer.listen({ tabletop, reference, socketPath: playSocketPath(folder, process.pid) });
  } catch (e) {
    return { notice: `No facilitator's screen for this drill: ${(e as Error).message}`, close: async () => undefined };
  }
  // However the process ends, no socket may be left for a screen to find: on exit, and on the
  // signals, after which the signal is raised again to end the process as it would have.
  const onExit = (): void => server.removeSocketFile();
  const onSignal = (signal: NodeJS.Signals): void => {
    release();
    server.removeSocketFile();
    process.kill(process.pid, signal);
  };
  const release = (): void => {
    process.off('exit', onExit);
    for (const s of SIGNALS) process.off(s, onSignal);
  };
  process.on('exit', onExit);
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    server,
    notice: `Facilitator's screen: firedrill facilitate in a second terminal (socket ${server.socketPath})`,
    close: async (reason) => {
      release();
      await server.close(reason);
    },
  };
}
