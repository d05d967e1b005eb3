import { connect, type Socket } from 'node:net';
import { parseServerMessage, type Control, type FacilitatorChannel, type ServerMessage } from '../drill/facilitator-protocol.js';

type Heard = ServerMessage | { type: 'closed'; reason: string };

/** Longest line a play may send (its state is a few kilobytes); a longer one ends the connection. */
const MAX_LINE_BYTES = 1 << 20;
/** Messages kept for a screen that has not subscribed yet: the state sent on attach among them. */
const MAX_EARLY_MESSAGES = 64;
const CONNECT_TIMEOUT_MS = 3000;

export class AttachError extends Error {
  override name = 'AttachError';
}

/** A facilitator's connection to a running play over its socket. */
class FacilitatorClient implements FacilitatorChannel {
  private readonly listeners: ((m: Heard) => void)[] = [];
  private readonly early: Heard[] = [];
  private pending = '';
  private goodbye: string | undefined;
  private ended = false;

  constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', (e) => {
      this.goodbye ??= `the connection to the play failed: ${e.message}`;
    });
    socket.on('close', () => this.emit({ type: 'closed', reason: this.goodbye ?? 'the play closed the connection' }));
  }

  send(control: Control): void {
    if (!this.socket.destroyed) this.socket.write(`${JSON.stringify(control)}\n`);
  }

  subscribe(listener: (m: Heard) => void): () => void {
    this.listeners.push(listener);
    for (const m of this.early.splice(0)) listener(m);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  close(): void {
    this.goodbye ??= 'the facilitator left';
    this.socket.end();
    this.socket.destroySoon();
  }

  private receive(chunk: string): void {
    this.pending += chunk;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const text = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      const message = parseServerMessage(text);
      if (message?.type === 'bye') this.goodbye = message.reason;
      if (message) this.emit(message);
    }
    if (this.pending.length > MAX_LINE_BYTES) {
      this.goodbye = `the play sent a line longer than ${MAX_LINE_BYTES} bytes; disconnected`;
      this.socket.destroy();
    }
  }

  private emit(message: Heard): void {
    if (this.ended) return;
    if (message.type === 'closed') this.ended = true;
    if (this.listeners.length === 0) {
      // The newest matter most: the latest state, and the end.
      if (this.early.length >= MAX_EARLY_MESSAGES) this.early.shift();
      this.early.push(message);
      return;
    }
    for (const listener of [...this.listeners]) listener(message);
  }
}

/** Connects to a play's socket; an AttachError says why it could not. */
export function attach(socketPath: string): Promise<FacilitatorChannel> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new AttachError(`the play at ${socketPath} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`));
    }, CONNECT_TIMEOUT_MS);
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why =
        e.code === 'ENOENT' ? 'no such socket' : e.code === 'ECONNREFUSED' ? 'nothing listens there any more (the play has ended)' : e.code === 'EACCES' ? 'permission denied' : e.message;
      reject(new AttachError(`cannot attach to ${socketPath}: ${why}`));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(new FacilitatorClient(socket));
    });
  });
}
