/** Where a command writes, and whether a person is watching (colour, animation). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal. */
  isTTY: boolean;
  /** stderr is a terminal (progress bars go there). */
  errTTY: boolean;
  color: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Why stdout could not be written (a full disk behind a redirection), if it could not. */
  outFailure?: () => Error | undefined;
  /** The width of stdout when it is a terminal: text for people is fitted to it. */
  columns?: number | undefined;
  /** The width of stderr when it is a terminal: the progress bar stays on one line of it. */
  errColumns?: number | undefined;
}

/**
 * Colour as other command-line tools decide it: `--no-color` first, then FORCE_COLOR (on, even
 * into a pipe or a CI log, unless it is 0 or false), then NO_COLOR (off when set and not
 * empty), then on only for a terminal that is not dumb. FORCE_COLOR winning over NO_COLOR is
 * Node's own rule.
 */
export function wantsColor(env: Io['env'], isTTY: boolean, noColorFlag = false): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

/**
 * The process's own streams. A reader that closes stdout early (`firedrill list | head -1`)
 * ends the output quietly, as with other command-line tools; any other failure to write it
 * is remembered for the exit code.
 */
export function processIo(): Io {
  const isTTY = Boolean(process.stdout.isTTY);
  const errTTY = Boolean(process.stderr.isTTY);
  let closed = false;
  let failure: Error | undefined;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    closed = true;
    if (e.code !== 'EPIPE') failure ??= e;
  });
  return {
    out: (text) => {
      if (!closed) process.stdout.write(text);
    },
    outFailure: () => failure,
    err: (text) => void process.stderr.write(text),
    isTTY,
    errTTY,
    color: wantsColor(process.env, isTTY),
    env: process.env,
    // Read at each use: a terminal resized during a long sweep redraws its bar at the new width.
    get columns() {
      return isTTY ? process.stdout.columns : undefined;
    },
    get errColumns() {
      return errTTY ? process.stderr.columns : undefined;
    },
  };
}

/** The same output with colour off, for `--no-color`; the screens read NO_COLOR from `env`. */
export function withoutColor(io: Io): Io {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(io)) as Io;
  return Object.assign(copy, { color: false, env: { ...io.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
}

/** Bad usage of the command line: exit 2, with the usage to follow. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export function paint(io: Io, style: keyof typeof CODES, text: string): string {
  return io.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}

/** How reports are styled on this output: colour on a terminal, plain text elsewhere. */
export function terminalStyle(io: Io): { verdict(text: string, pass: boolean): string; dim(text: string): string; bold(text: string): string } {
  return {
    verdict: (t, pass) => paint(io, pass ? 'green' : 'red', t),
    dim: (t) => paint(io, 'dim', t),
    bold: (t) => paint(io, 'bold', t),
  };
}
