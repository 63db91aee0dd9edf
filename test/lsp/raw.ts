/**
 * A raw JSON-RPC client for the tests that talk to the bundled server byte by
 * byte (protocol hygiene, early initialize): it can send malformed frames,
 * split writes, several messages in one write, and use stdio or --node-ipc.
 * Requests from the server (configuration, registerCapability) are answered;
 * everything else the server sends is kept in `received`.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { SERVER } from './client';
import { readFrames } from './frames';

export interface Message {
  id?: number | string | null;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string };
}

/** One LSP frame; a string is sent as the body as it is (malformed JSON on purpose). */
export function frame(msg: unknown): Buffer {
  const body = Buffer.from(typeof msg === 'string' ? msg : JSON.stringify(msg), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

export class RawClient {
  /** Responses and notifications from the server, in arrival order. */
  readonly received: Message[] = [];
  stderr = '';
  /** Exit code once the server has exited (-1 for a signal), else null. */
  exited: number | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private waiters: { pred: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  private constructor(
    readonly proc: ChildProcess,
    readonly ipc: boolean,
  ) {
    proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    proc.on('exit', (code) => (this.exited = code ?? -1));
    if (ipc) proc.on('message', (m: Message) => this.dispatch(m));
    else proc.stdout!.on('data', (d: Buffer) => (this.buf = readFrames<Message>(Buffer.concat([this.buf, d]), (m) => this.dispatch(m))));
  }

  /** The bundled server over stdio. */
  static stdio(env: Record<string, string> = {}): RawClient {
    return new RawClient(spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } }), false);
  }

  /** The bundled server over --node-ipc, as VS Code starts it. */
  static ipc(env: Record<string, string> = {}): RawClient {
    return new RawClient(fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], env: { ...process.env, ...env } }), true);
  }

  private dispatch(m: Message): void {
    if (m.method && m.id !== undefined && m.id !== null) {
      this.send({ jsonrpc: '2.0', id: m.id, result: m.method === 'workspace/configuration' ? [{}] : null });
      return;
    }
    this.received.push(m);
    const i = this.waiters.findIndex((w) => w.pred(m));
    if (i >= 0) this.waiters.splice(i, 1)[0].resolve(m);
  }

  /** Sends messages; over stdio in one write (so they arrive together). */
  send(...msgs: unknown[]): void {
    if (this.ipc) for (const m of msgs) this.proc.send!(m as object);
    else this.proc.stdin!.write(Buffer.concat(msgs.map(frame)));
  }

  /** Writes bytes as they are (stdio only): split or malformed frames. */
  writeRaw(bytes: Buffer): void {
    this.proc.stdin!.write(bytes);
  }

  /** The first message received (now or later) that `pred` accepts. */
  waitFor(pred: (m: Message) => boolean): Promise<Message> {
    const hit = this.received.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }

  /** The responses received for request `id`. */
  answers(id: number | string): Message[] {
    return this.received.filter((m) => m.id === id && !m.method);
  }

  /** An id no hand-written message in a test uses. */
  private freshId(): string {
    return `raw-${this.nextId++}`;
  }

  /** Sends a request with a fresh id; resolves with the whole response (result or error). */
  request(method: string, params?: unknown): Promise<Message> {
    const id = this.freshId();
    this.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    return this.waitFor((m) => m.id === id && !m.method);
  }

  /** A request and its $/cancelRequest in one write: the cancel is queued before the request runs. */
  requestAndCancel(method: string, params: unknown): Promise<Message> {
    const id = this.freshId();
    this.send({ jsonrpc: '2.0', id, method, params }, { jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
    return this.waitFor((m) => m.id === id && !m.method);
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async initialize(): Promise<Message> {
    const r = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    this.notify('initialized', {});
    return r;
  }

  /** didOpen; resolves with the document's first publishDiagnostics. */
  open(uri: string, text: string, languageId = 'shellscript'): Promise<Message> {
    const diag = this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return diag;
  }

  /** shutdown and exit (a server that does not exit is killed after 3 s); resolves with the exit code. */
  async stop(): Promise<number> {
    if (this.exited === null) {
      await this.request('shutdown');
      this.notify('exit', null);
    }
    await new Promise<void>((resolve) => {
      if (this.exited !== null) return resolve();
      const t = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    return this.exited!;
  }
}
