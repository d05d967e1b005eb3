import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { applyControl, facilitatorState, parseControl, type FacilitatorLink, type LinkEvent, type ServerMessage } from '../drill/facilitator-protocol.js';
import { systemClock, type WallClock } from '../drill/live-driver.js';
import type { Tabletop } from '../drill/tabletop.js';

export interface ServerLimits {
  /** Longest line a facilitator may send; a longer one is answered with an error and skipped. */
  lineBytes: number;
  /** Facilitator screens attached at once. */
  connections: number;
  /** Controls per connection per second; more are answered with an error and dropped. */
  messagesPerS: number;
  /** Shortest time between two pushes of the state. */
  pushIntervalMs: number;
  /** Output waiting for a screen that does not read; past this it is disconnected. */
  outBytes: number;
}

export const SERVER_LIMITS: ServerLimits = { lineBytes: 4096, connections: 4, messagesPerS: 20, pushIntervalMs: 250, outBytes: 1 << 20 };

/** How long a screen has to hang up after the play says goodbye. */
const GOODBYE_MS = 500;

export interface FacilitatorServerOptions {
  tabletop: Tabletop;
  /** The reference playbook's commands on the same seed, shown as the best play. */
  reference: readonly string[];
  socketPath: string;
  /** Wall time for the push throttle and the message rate (a fake clock in tests). */
  clock?: WallClock;
  limits?: Partial<ServerLimits>;
}

interface Client {
  socket: Socket;
  pending: Buffer[];
  pendingBytes: number;
  /** Dropping input up to the next newline, after a line that was too long. */
  skipping: boolean;
  windowStartMs: number;
  inWindow: number;
}

/**
 * The play's end of the facilitator's line: a Unix socket that pushes the facilitator's state
 * (at most every `pushIntervalMs`, and after every change) and applies the controls it gets
 * through the same tabletop methods as the play screen's keys.
 */
export class FacilitatorServer implements FacilitatorLink {
  private readonly clients = new Set<Client>();
  private readonly listeners: ((event: LinkEvent) => void)[] = [];
  private readonly limits: ServerLimits;
  private readonly clock: WallClock;
  private readonly tabletop: Tabletop;
  private readonly reference: readonly string[];
  private unsubscribeFrame: (() => void) | undefined;
  private pushTimer: unknown;
  private lastPushMs = -Infinity;
  private lastState = '';
  private closed = false;
  /** A control is being applied: the state goes out once it is whole, not at each frame it makes. */
  private applying = false;

  private constructor(
    private readonly server: Server,
    readonly socketPath: string,
    options: FacilitatorServerOptions,
  ) {
    this.tabletop = options.tabletop;
    this.reference = options.reference;
    this.clock = options.clock ?? systemClock;
    this.limits = { ...SERVER_LIMITS, ...options.limits };
    server.on('connection', (socket) => this.accept(socket));
    this.unsubscribeFrame = this.tabletop.driver.onFrame(() => this.changed());
  }

  /** Listens on `socketPath` (in a folder already checked to be the user's own). */
  static listen(options: FacilitatorServerOptions): Promise<FacilitatorServer> {
    removeSocketFile(options.socketPath);
    const server = createServer();
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.socketPath, () => {
        server.off('error', reject);
        // The folder is owner-only already; the socket is too, in case it is ever moved out of it.
        chmodSync(options.socketPath, 0o600);
        // A play that forgets to close must still be able to exit.
        server.unref();
        resolve(new FacilitatorServer(server, options.socketPath, options));
      });
    });
  }

  /** Facilitator screens attached now. */
  get screens(): number {
    return this.clients.size;
  }

  subscribe(listener: (event: LinkEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Says goodbye to every screen, stops listening and removes the socket. */
  async close(reason: string): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.removeSocketFile();
    this.unsubscribeFrame?.();
    if (this.pushTimer !== undefined) this.clock.clearTimer(this.pushTimer);
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const c of this.clients) {
      this.write(c, { type: 'bye', reason });
      c.socket.end();
      setTimeout(() => c.socket.destroy(), GOODBYE_MS).unref();
    }
    await closing;
  }

  /** Synchronous, for an exiting process: no new screen can find the play. */
  removeSocketFile(): void {
    removeSocketFile(this.socketPath);
  }

  private emit(event: LinkEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private accept(socket: Socket): void {
    if (this.closed || this.clients.size >= this.limits.connections) {
      const error = this.closed ? 'the play is closing' : `too many facilitator screens attached (${this.clients.size}); close one first`;
      socket.on('error', () => undefined);
      socket.end(line({ type: 'error', error }));
      return;
    }
    const client: Client = { socket, pending: [], pendingBytes: 0, skipping: false, windowStartMs: this.clock.nowMs(), inWindow: 0 };
    this.clients.add(client);
    socket.on('data', (chunk: Buffer) => this.receive(client, chunk));
    // A reset connection is a detach like any other; 'close' follows.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (!this.clients.delete(client) || this.closed) return;
      this.emit({ kind: 'detached', screens: this.clients.size });
    });
    this.write(client, { type: 'state', state: facilitatorState(this.tabletop, this.reference) });
    this.emit({ kind: 'attached', screens: this.clients.size });
  }

  private receive(client: Client, chunk: Buffer): void {
    let rest = chunk;
    for (let nl = rest.indexOf(0x0a); nl >= 0; nl = rest.indexOf(0x0a)) {
      const head = rest.subarray(0, nl);
      rest = rest.subarray(nl + 1);
      if (client.skipping) {
        client.skipping = false;
        continue;
      }
      const bytes = client.pendingBytes + head.length;
      const text = Buffer.concat([...client.pending, head]).toString('utf8');
      client.pending = [];
      client.pendingBytes = 0;
      if (bytes > this.limits.lineBytes) this.tooLong(client);
      else if (text.trim() !== '') this.handle(client, text);
      if (this.closed || client.socket.destroyed) return;
    }
    if (rest.length === 0 || client.skipping) return;
    client.pending.push(rest);
    client.pendingBytes += rest.length;
    if (client.pendingBytes > this.limits.lineBytes) {
      client.pending = [];
      client.pendingBytes = 0;
      client.skipping = true;
      this.tooLong(client);
    }
  }

  private tooLong(client: Client): void {
    this.write(client, { type: 'error', error: `line longer than ${this.limits.lineBytes} bytes: skipped` });
  }

  private handle(client: Client, text: string): void {
    const now = this.clock.nowMs();
    if (now - client.windowStartMs >= 1000) {
      client.windowStartMs = now;
      client.inWindow = 0;
    }
    client.inWindow++;
    if (client.inWindow > this.limits.messagesPerS) {
      // One error per second is enough for a flood to be told; the rest is dropped silently.
      if (client.inWindow === this.limits.messagesPerS + 1) this.write(client, { type: 'error', error: `too many messages: at most ${this.limits.messagesPerS} a second; the rest of this second's are dropped` });
      return;
    }
    const control = parseControl(text);
    if ('error' in control) {
      this.write(client, { type: 'error', error: control.error });
      return;
    }
    this.applying = true;
    let reply;
    try {
      reply = applyControl(this.tabletop, control);
    } finally {
      this.applying = false;
    }
    this.write(client, { type: 'reply', control, reply });
    this.emit({ kind: 'control', control, reply });
    // Also after a hint, which makes no frame of the driver's.
    this.changed();
  }

  private changed(): void {
    if (this.closed || this.applying || this.clients.size === 0 || this.pushTimer !== undefined) return;
    const waitMs = this.lastPushMs + this.limits.pushIntervalMs - this.clock.nowMs();
    if (waitMs <= 0) return this.push();
    this.pushTimer = this.clock.setTimer(() => {
      this.pushTimer = undefined;
      this.push();
    }, waitMs);
  }

  private push(): void {
    if (this.closed) return;
    this.lastPushMs = this.clock.nowMs();
    const text = line({ type: 'state', state: facilitatorState(this.tabletop, this.reference) });
    if (text === this.lastState) return;
    this.lastState = text;
    for (const c of this.clients) this.writeLine(c, text);
  }

  private write(client: Client, message: ServerMessage): void {
    this.writeLine(client, line(message));
  }

  private writeLine(client: Client, text: string): void {
    if (client.socket.destroyed) return;
    if (client.socket.writableLength > this.limits.outBytes) {
      client.socket.destroy();
      return;
    }
    client.socket.write(text);
  }
}

function line(message: ServerMessage): string {
  return `${JSON.stringify(message)}\n`;
}

function removeSocketFile(path: string): void {
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {
    // Already gone.
  }
}
