/**
 * A minimal LSP client over stdio for protocol tests and benchmarks: starts
 * the bundled server (dist/server.js) and waits on real protocol events.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  InitializeRequest,
  InitializedNotification,
  type InitializeResult,
  DidOpenTextDocumentNotification,
  ShutdownRequest,
  ExitNotification,
} from 'vscode-languageserver-protocol/node';

import * as fs from 'node:fs';

/** The repository root (works from test/ under tsx and from out/test/ after tsc). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || fs.existsSync(path.join(dir, 'package.json')) && !fs.existsSync(path.join(dir, 'esbuild.mjs'))) {
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

export const SERVER = path.join(repoRoot(), 'dist', 'server.js');

/** A launch script with known problems (nvdimm-not-enabled, label-size-too-small, ...): the LSP tests open it. */
export const BROKEN_SCRIPT = [
  'qemu-system-x86_64 -machine pc -m 4G,slots=2,maxmem=32G \\',
  '  -object memory-backend-file,id=mem1,share=on,mem-path=/tmp/nv.img,size=4G \\',
  '  -device nvdimm,id=nv1,memdev=mem1,label-size=64K',
  '',
].join('\n');

export interface TestClient {
  conn: ProtocolConnection;
  proc: ChildProcess;
  init: InitializeResult;
  /** Resolves with the next publishDiagnostics for `uri` (optionally of a given version). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, languageId?: string): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
  stderr(): string;
}

export async function startClient(settings?: unknown, serverPath = SERVER): Promise<TestClient> {
  const proc = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const i = waiters.findIndex((w) => w.uri === p.uri && (w.version === undefined || w.version === p.version));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(p);
  });
  conn.onRequest('workspace/configuration', () => [settings ?? {}]);
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: false }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: settings ? { settings } : undefined,
  });
  await conn.sendNotification(InitializedNotification.type, {});
  const nextDiagnostics = (uri: string, version?: number) =>
    new Promise<PublishDiagnosticsParams>((resolve) => waiters.push({ uri, version, resolve }));
  return {
    conn,
    proc,
    init,
    nextDiagnostics,
    async open(uri, text, languageId = 'shellscript') {
      const p = nextDiagnostics(uri);
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
      return p;
    },
    async stop() {
      try {
        await conn.sendRequest(ShutdownRequest.type);
        await conn.sendNotification(ExitNotification.type);
      } catch {
        /* already gone */
      }
      await new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        const t = setTimeout(() => proc.kill('SIGKILL'), 2000);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
      conn.dispose();
    },
    stderr: () => err,
  };
}
