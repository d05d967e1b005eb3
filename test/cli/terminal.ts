import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../helpers.js';

/** Why terminal tests cannot run here, or undefined when tmux is available. */
export const NO_TMUX = spawnSync('tmux', ['-V']).status === 0 ? undefined : 'tmux is not installed (.ci/run installs it)';


/**
 * The real program in a real terminal: a detached tmux session of a given size, driven with
 * send-keys and read with capture-pane, as a person at the keyboard would. It runs in `dir`, so
 * what it writes by default (a drill's folder under reports/) stays out of the checkout.
 */
export class Terminal {
  readonly name = `firedrill-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly exitFile: string;

  constructor(
    args: string[],
    readonly dir: string,
    size = { columns: 100, rows: 30 },
    env: Readonly<Record<string, string>> = {},
  ) {
    this.exitFile = join(dir, `${this.name}.exit`);
    // Set on the command itself: a tmux server already running keeps the environment it began with.
    const vars = Object.entries(env).map(([k, v]) => `${k}='${v}' `).join('');
    const command = `${vars}node ${BIN} ${args.map((a) => `'${a}'`).join(' ')}; echo $? > '${this.exitFile}'; sleep 600`;
    this.tmux('new-session', '-d', '-s', this.name, '-x', String(size.columns), '-y', String(size.rows), '-c', dir, command);
  }

  /**
   * Each terminal has a tmux server of its own: on a shared server, the last session to close
   * stops it while another test may be starting one, and that test fails for no fault of its own.
   */
  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.name, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** What the screen shows; with `escapes`, the colour and style codes too. */
  screen(escapes = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', this.name);
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', '--', text);
  }

  /** Waits until the screen matches, or fails with what it showed. */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > end) throw new Error(`the screen never showed ${pattern}; it showed:\n${screen}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /**
   * Presses a key until the screen matches: the debrief lets the first moment's keys pass as the
   * end of a command typed while the drill ended, so a key pressed at once may rightly do nothing.
   */
  async pressUntil(key: string, pattern: RegExp | (() => boolean), timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    const met = (): boolean => (typeof pattern === 'function' ? pattern() : pattern.test(this.screen()));
    for (;;) {
      this.keys(key);
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 150));
        if (met()) return;
      }
      if (Date.now() > end) throw new Error(`pressing ${key} never led to ${pattern}; the screen shows:\n${this.screen()}`);
    }
  }

  /** Whether the program has exited. */
  get exited(): boolean {
    return existsSync(this.exitFile);
  }

  async exitCode(timeoutMs = 20_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    while (!existsSync(this.exitFile)) {
      if (Date.now() > end) throw new Error(`the program did not exit; the screen shows:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    return Number(readFileSync(this.exitFile, 'utf8').trim());
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.name, 'kill-server']);
  }
}
