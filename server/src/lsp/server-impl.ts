/**
 * The language server proper (bundled as dist/server-impl.js): the LSP
 * library, the handlers and the engine. main.ts (dist/server.js) loads it
 * once `initialize` has been answered, or at once when it could not answer
 * early; see main.ts for the hand-over.
 */
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  Message,
  ProposedFeatures,
  StreamMessageWriter,
  type Connection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { SERVER_NAME } from './capabilities';
import { startServer } from './server';

/** What main.ts did before loading this module. */
export interface EarlyStart {
  /**
   * stdio: every byte read so far was put back on process.stdin (unshift) and
   * stdin is paused (main.ts resumes it once start() has returned).
   * ipc: the messages taken off the IPC channel so far, in order, are in `messages`.
   */
  readonly transport: 'stdio' | 'ipc';
  readonly messages: readonly unknown[];
  /** The `initialize` request main.ts already answered: its id and the response sent, as JSON. */
  readonly answered?: { readonly id: number | string; readonly json: string };
}

/**
 * Creates the connection and starts the server. Without `early`: exactly as
 * vscode-languageserver sets itself up from the command line. With it: the
 * same transport, reading again what main.ts read, and without sending a
 * second answer to the `initialize` main.ts answered.
 */
export function start(early?: EarlyStart): void {
  if (!early) {
    startServer(createConnection(ProposedFeatures.all));
    return;
  }
  let connection: Connection;
  if (early.transport === 'ipc') {
    const reader = replaying(new IPCMessageReader(process), early.messages as Message[]);
    connection = createConnection(ProposedFeatures.all, reader, answeredOnce(new IPCMessageWriter(process), early.answered));
  } else {
    // stdin goes in as a stream (not a reader) so that the library also exits when it ends or closes, as with --stdio;
    // the library accepts a stream or a reader/writer for each side independently (createMessageConnection).
    const writer = answeredOnce(new StreamMessageWriter(process.stdout), early.answered);
    connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
    keepConsoleOffStdout(connection);
  }
  startServer(connection);
}

/** A reader that first delivers `queued`, then what `inner` reads. */
function replaying(inner: MessageReader, queued: Message[]): MessageReader {
  return {
    onError: inner.onError,
    onClose: inner.onClose,
    onPartialMessage: inner.onPartialMessage,
    listen(callback) {
      for (const m of queued.splice(0)) callback(m);
      return inner.listen(callback);
    },
    dispose: () => inner.dispose(),
  };
}

/**
 * A writer that drops the full server's answer to the `initialize` main.ts
 * already answered (the client must get exactly one), and says on stderr if
 * the two answers differ, which they never should (both come from
 * initializeResult()).
 */
function answeredOnce(inner: MessageWriter, answered: EarlyStart['answered']): MessageWriter {
  let pending = answered;
  return {
    onError: inner.onError,
    onClose: inner.onClose,
    write(msg) {
      if (pending && Message.isResponse(msg) && msg.id === pending.id) {
        const json = JSON.stringify(msg);
        if (json !== pending.json) process.stderr.write(`${SERVER_NAME}: the early initialize answer was ${pending.json}, the server's is ${json}\n`);
        pending = undefined;
        return Promise.resolve();
      }
      return inner.write(msg);
    },
    end: () => inner.end(),
    dispose: () => inner.dispose(),
  };
}

/**
 * Over stdio, stdout is the protocol stream: console output goes to the
 * client's log instead (window/logMessage), as vscode-languageserver does when
 * it sets up --stdio itself.
 */
function keepConsoleOffStdout(connection: Connection): void {
  const sink = (send: (message: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        send(String(chunk).replace(/\n$/, ''));
        done();
      },
    });
  const toLog = new Console({ stdout: sink((m) => connection.console.log(m)), stderr: sink((m) => connection.console.error(m)) });
  const toWarn = new Console({ stdout: sink((m) => connection.console.log(m)), stderr: sink((m) => connection.console.warn(m)) });
  const target = console as unknown as Record<string, unknown>;
  for (const [name, fn] of Object.entries(toLog as unknown as Record<string, unknown>)) {
    if (typeof fn === 'function' && typeof target[name] === 'function') target[name] = fn.bind(toLog);
  }
  console.warn = toWarn.warn.bind(toWarn);
}
