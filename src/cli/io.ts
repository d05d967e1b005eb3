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
}

/**
 * The process's own streams. A reader that closes stdout early (`firedrill list | head -1`)
 * ends the output quietly, as with other command-line tools; any other failure to write it
 * is remembered for the exit code.
 */
export function processIo(): Io {
  const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
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
    isTTY: Boolean(process.stdout.isTTY),
    errTTY: Boolean(process.stderr.isTTY),
    color,
    env: process.env,
  };
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
