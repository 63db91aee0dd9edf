/**
 * A minimal QMP client: one JSON object per line in each direction. Reads the
 * greeting, negotiates capabilities, runs commands with an `id`, ignores
 * asynchronous events. Every wait has a time limit; close() is idempotent and
 * fails whatever is still pending.
 */
import * as net from 'node:net';

/** A command QEMU answered with {"error": {"class", "desc"}}. */
export class QmpError extends Error {
  constructor(
    readonly errorClass: string,
    readonly desc: string,
    readonly command: string,
  ) {
    super(`${command}: ${desc}`);
    this.name = 'QmpError';
  }
}

/** The connection closed, timed out or sent garbage. */
export class QmpConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QmpConnectionError';
  }
}

interface Pending {
  readonly command: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class QmpClient {
  private buffer = '';
  private nextId = 1;
  private closed: Error | null = null;
  private readonly pending = new Map<string, Pending>();
  private greetingWaiter: { resolve: (g: unknown) => void; reject: (e: Error) => void } | null = null;
  private greeting: unknown = undefined;
  /** Events QEMU sent (kept for diagnostics; the client never waits on them). */
  readonly events: { event: string; data?: unknown }[] = [];

  constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (e) => this.fail(new QmpConnectionError(`QMP socket error: ${e.message}`)));
    socket.on('close', () => this.fail(new QmpConnectionError('QMP connection closed')));
  }

  /** Connect to a listening QMP socket (QEMU started with `server=on`). */
  static connect(socketPath: string, timeoutMs = 5000): Promise<QmpClient> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection(socketPath);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new QmpConnectionError(`QMP connect to ${socketPath} timed out`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new QmpClient(socket));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(new QmpConnectionError(`QMP connect to ${socketPath}: ${e.message}`));
      });
    });
  }

  /** Wait for the greeting and leave capabilities-negotiation mode. Resolves with the greeting's QMP object. */
  async handshake(timeoutMs = 5000): Promise<unknown> {
    const greeting = await this.waitGreeting(timeoutMs);
    await this.execute('qmp_capabilities', undefined, timeoutMs);
    return greeting;
  }

  /** Run a command; resolves with its "return" value, rejects with QmpError or QmpConnectionError. */
  execute(command: string, args?: Record<string, unknown>, timeoutMs = 5000): Promise<unknown> {
    if (this.closed) return Promise.reject(this.closed);
    const id = `qpmem-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new QmpConnectionError(`QMP command ${command} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { command, resolve, reject, timer });
      const msg: Record<string, unknown> = { execute: command, id };
      if (args !== undefined) msg.arguments = args;
      this.socket.write(JSON.stringify(msg) + '\n');
    });
  }

  /** Close the connection; pending and future commands fail. */
  close(): void {
    this.fail(new QmpConnectionError('QMP client closed'));
  }

  get isClosed(): boolean {
    return this.closed !== null;
  }

  private waitGreeting(timeoutMs: number): Promise<unknown> {
    if (this.greeting !== undefined) return Promise.resolve(this.greeting);
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.greetingWaiter = null;
        reject(new QmpConnectionError(`no QMP greeting within ${timeoutMs} ms`));
      }, timeoutMs);
      this.greetingWaiter = {
        resolve: (g) => {
          clearTimeout(timer);
          resolve(g);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line !== '') this.onMessage(line);
    }
  }

  private onMessage(line: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.fail(new QmpConnectionError(`QMP sent invalid JSON: ${line.slice(0, 200)}`));
      return;
    }
    if (msg === null || typeof msg !== 'object') return;
    if ('QMP' in msg) {
      this.greeting = msg.QMP;
      this.greetingWaiter?.resolve(msg.QMP);
      this.greetingWaiter = null;
      return;
    }
    if (typeof msg.event === 'string') {
      this.events.push({ event: msg.event, data: msg.data });
      return;
    }
    const id = typeof msg.id === 'string' ? msg.id : null;
    const p = id === null ? undefined : this.pending.get(id);
    if (!p || id === null) return; // a reply we no longer wait for
    this.pending.delete(id);
    clearTimeout(p.timer);
    if ('error' in msg) {
      const e = (msg.error ?? {}) as { class?: unknown; desc?: unknown };
      p.reject(new QmpError(String(e.class ?? 'GenericError'), String(e.desc ?? ''), p.command));
    } else {
      p.resolve(msg.return);
    }
  }

  private fail(err: Error): void {
    if (this.closed) return;
    this.closed = err;
    this.greetingWaiter?.reject(err);
    this.greetingWaiter = null;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
    this.socket.destroy();
  }
}
