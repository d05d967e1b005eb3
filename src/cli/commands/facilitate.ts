import { statSync } from 'node:fs';
import { AttachError, attach } from '../facilitator-client.js';
import { UsageError, type Io } from '../io.js';
import { checkRuntimeFolder, playSockets, RuntimeFolderError, runtimeFolder } from '../runtime-folder.js';
import { openScreens } from '../screens.js';
import type { CommandDef } from './command.js';

export const NO_PLAY = 'no firedrill play is running on this machine; start one with firedrill play SCENARIO';

/** The socket to attach to: the one given, or the only play running in the user's runtime folder. */
export function findPlaySocket(env: Io['env'], given: string | undefined): string {
  if (given !== undefined) {
    let isSocket = false;
    try {
      isSocket = statSync(given).isSocket();
    } catch {
      throw new UsageError(`--socket ${given}: no such socket`, 'facilitate');
    }
    if (!isSocket) throw new UsageError(`--socket ${given}: not a socket; a play's socket is named play-PID.sock`, 'facilitate');
    return given;
  }
  const folder = runtimeFolder(env);
  try {
    checkRuntimeFolder(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(NO_PLAY, 'facilitate');
    // A folder others can write to could hold a socket that feeds this screen a false drill.
    if (e instanceof RuntimeFolderError) throw new UsageError(e.message, 'facilitate');
    throw e;
  }
  const live = playSockets(folder).filter((s) => s.alive);
  if (live.length === 0) throw new UsageError(NO_PLAY, 'facilitate');
  if (live.length > 1) {
    const list = live.map((s) => `  --socket ${s.path}    pid ${s.pid}${s.command ? `: ${s.command}` : ''}`).join('\n');
    throw new UsageError(`${live.length} firedrill plays are running; choose one with --socket:\n${list}`, 'facilitate');
  }
  return live[0]!.path;
}

export const facilitateCommand: CommandDef = {
  name: 'facilitate',
  usage: 'firedrill facilitate [--socket PATH]',
  summary: "the facilitator's own screen, attached to a running play: the hidden truth and the controls",
  help: [
    'Run it in a second terminal, beside a firedrill play projected to the team. It shows what the',
    'team must not see: the causes matching now, the injects, the hints, the best play on the same',
    'seed; and it has the facilitator\'s controls, so the projected screen never shows the answer:',
    '',
    '  p        pause or resume the drill',
    '  + / -    speed up or down (1, 2, 5, 10, 30, 60x)',
    '  i        fire one of the scenario\'s injects, picked from a list',
    '  h        reveal the next hint on the team\'s screen',
    '  e        end the drill now (asks first); the team\'s screen opens the debrief',
    '  q        leave this screen; the drill goes on',
    '',
    'Options:',
    '  --socket PATH   the play to attach to, when several run (their sockets are listed then)',
    '',
    'A play listens in $XDG_RUNTIME_DIR/firedrill/, or in firedrill-UID/ under the temporary folder,',
    'a folder only its owner may open; firedrill refuses one that others could.',
  ].join('\n'),
  options: {
    socket: { type: 'string' },
  },
  async run({ positionals, values }, io: Io) {
    if (positionals.length > 0) throw new UsageError('facilitate takes no scenario: it attaches to a running firedrill play', 'facilitate');
    const socketPath = findPlaySocket(io.env, typeof values.socket === 'string' ? values.socket : undefined);
    if (!io.isTTY || !process.stdin.isTTY) {
      throw new UsageError(`facilitate needs a terminal for its screen: run it in a second terminal beside firedrill play (socket ${socketPath})`, 'facilitate');
    }
    let channel;
    try {
      channel = await attach(socketPath);
    } catch (e) {
      if (e instanceof AttachError) throw new UsageError(e.message, 'facilitate');
      throw e;
    }
    const { showFacilitate } = await openScreens();
    let reason = 'the facilitator left';
    await showFacilitate({ channel, socketPath, onClose: (r: string) => void (reason = r) }, io);
    channel.close();
    io.err(`firedrill: ${reason}\n`);
    return 0;
  },
};
