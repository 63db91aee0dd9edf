// A small LSP client over stdio for the benchmark: starts a server process,
// sends requests and notifications the way an editor does, and timestamps the
// answers on arrival (performance.now(), this process).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

/**
 * What the VS Code extension changes in the environment it starts the server
 * with (client/src/server-env.ts, which says why; a unit test keeps the two
 * equal). The benchmark starts qemu-pmem's server with it, as the extension does.
 */
export const EXTENSION_SERVER_ENV = Object.freeze({ NODE_EXTRA_CA_CERTS: '' });

/**
 * The Node options the VS Code extension starts the server with on a machine
 * with `parallelism` cores (client/src/server-env.ts serverExecArgv, which
 * says why; the same unit test keeps the two equal).
 */
export function extensionExecArgv(parallelism) {
  const n = Number.isFinite(parallelism) ? Math.floor(parallelism) : 1;
  return [`--v8-pool-size=${Math.min(4, Math.max(1, n - 1))}`];
}

/**
 * Starts `command args` and initializes it. Returns timings and helpers.
 * `settings` go to initializationOptions.settings (qemu-pmem reads them there);
 * `env` is added to this process's environment for the server.
 */
export async function startServer(command, args, { settings, initializationOptions, env } = {}) {
  const t0 = performance.now();
  const proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d.toString()));
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  /** @type {{uri: string, version?: number, resolve: (x: {params: any, t: number}) => void}[]} */
  const waiters = [];
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    const t = performance.now();
    const i = waiters.findIndex((w) => w.uri === p.uri && (w.version === undefined || w.version === p.version));
    if (i >= 0) waiters.splice(i, 1)[0].resolve({ params: p, t });
  });
  conn.onNotification(() => {});
  conn.onRequest('workspace/configuration', () => [settings ?? {}]);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest(() => null);
  conn.listen();
  const init = await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      workspace: { configuration: false },
      textDocument: {
        synchronization: { didSave: false },
        publishDiagnostics: { versionSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
    initializationOptions: initializationOptions ?? (settings ? { settings } : undefined),
  });
  const initMs = performance.now() - t0;
  await conn.sendNotification(rpc.InitializedNotification.type, {});

  const nextDiagnostics = (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve }));

  return {
    proc,
    conn,
    init,
    /** Spawn → initialize response, in ms. */
    initMs,
    stderr: () => stderr,
    nextDiagnostics,
    /** Resident set size of the server process (kB → MB), from /proc. */
    rssMb() {
      try {
        const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : NaN;
      } catch {
        return NaN;
      }
    },
    open(uri, text, languageId, version = 1) {
      return conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, range, text) {
      return conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range, text }],
      });
    },
    close(uri) {
      return conn.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    /** Sends a request and resolves with [result, ms]. */
    async timed(method, params) {
      const t = performance.now();
      const r = await conn.sendRequest(method, params);
      return [r, performance.now() - t];
    },
    async stop() {
      try {
        await Promise.race([conn.sendRequest(rpc.ShutdownRequest.type), new Promise((r) => setTimeout(r, 3000))]);
        await conn.sendNotification(rpc.ExitNotification.type);
      } catch {
        /* already gone */
      }
      await new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const t = setTimeout(() => {
          proc.kill('SIGKILL');
          resolve();
        }, 2000);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
      conn.dispose();
    },
  };
}
