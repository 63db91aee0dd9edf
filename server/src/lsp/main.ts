#!/usr/bin/env node
/**
 * qemu-pmem-language-server: `--stdio` (or --node-ipc, --socket=PORT).
 *
 * Start-up: this file is bundled alone (dist/server.js) and loads nothing
 * heavy. Over --stdio and --node-ipc it reads the first message itself and,
 * when it is a well-formed `initialize` request, answers it at once
 * (initializeResult() needs neither the LSP library nor the engine), then
 * loads the server proper (server-impl.ts, dist/server-impl.js) and hands the
 * transport over: everything read so far is read again by the server, which
 * handles `initialize` as usual (settings, client capabilities) but does not
 * answer it a second time. No message is lost or reordered: the hand-over is
 * synchronous, and anything that arrives meanwhile waits in the transport.
 * Any other first message, and the other transports, load the server first,
 * exactly as before.
 */
import type { EarlyStart } from './server-impl';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { initializeResult, SERVER_NAME, SERVER_VERSION } from './capabilities';
import { cacheDirectory, loadWithCodeCache } from './code-cache';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_NAME} ${SERVER_VERSION}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h') || !args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stdout.write(
    `${SERVER_NAME} ${SERVER_VERSION}\n\nUsage: ${SERVER_NAME} --stdio\n\nA language server for QEMU persistent-memory options (nvdimm, virtio-pmem-pci,\nmemory backends) in shell scripts and libvirt domain XML. Speak LSP on stdin/stdout.\nAlso: --node-ipc, --socket=PORT.\n`,
  );
  process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
}

// Never die on a stray exception: log it and keep serving.
process.on('uncaughtException', (e) => {
  process.stderr.write(`${SERVER_NAME}: uncaught exception: ${e instanceof Error ? e.stack : String(e)}\n`);
});

/**
 * Loads and starts the server proper (a separate bundle: see esbuild.mjs).
 * Compiled JavaScript next to this file (dist/server-impl.js) is loaded
 * with a V8 code cache (code-cache.ts), written when this process ends or
 * after it has served for half a minute; from TypeScript sources (tests
 * under tsx) it is a plain require.
 */
function startFull(early?: EarlyStart): void {
  const bundled = join(__dirname, 'server-impl.js');
  if (!existsSync(bundled)) {
    (require('./server-impl') as typeof import('./server-impl')).start(early);
    return;
  }
  const loaded = loadWithCodeCache<typeof import('./server-impl')>(bundled, require, cacheDirectory());
  if (loaded.cache === 'none') {
    process.once('exit', () => loaded.save());
    setTimeout(() => loaded.save(), 30_000).unref();
  }
  loaded.exports.start(early);
}

/** The transport vscode-languageserver will pick from the command line: the first transport argument wins. */
function transport(): 'stdio' | 'ipc' | 'other' {
  for (const a of args) {
    if (a === '--node-ipc') return typeof process.send === 'function' ? 'ipc' : 'other';
    if (a === '--stdio') return 'stdio';
    const name = a.split('=')[0];
    if (name === '--socket' || name === '--pipe') return 'other';
  }
  return 'other';
}

/** `m` when it is an `initialize` request the full server answers with initializeResult() (a well-formed one). */
function answerable(m: unknown): { id: number | string } | undefined {
  if (!isObject(m) || m.method !== 'initialize' || (typeof m.id !== 'number' && typeof m.id !== 'string')) return undefined;
  if (!isObject(m.params) || !isObject(m.params.capabilities)) return undefined;
  return { id: m.id };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The response to `initialize` request `id`, as the JSON-RPC library writes it. */
function response(id: number | string): { jsonrpc: '2.0'; id: number | string; result: unknown } {
  return { jsonrpc: '2.0', id, result: initializeResult() };
}

/**
 * The first message of an LSP byte stream: undefined while it is incomplete,
 * null when it is not something this file reads with certainty (the server
 * proper then reads it, as always).
 */
function firstMessage(buf: Buffer): unknown {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return buf.length > 4096 ? null : undefined;
  let length = -1;
  for (const line of buf.subarray(0, end).toString('ascii').split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (colon > 0 && name === 'content-length' && /^\d+$/.test(value)) length = Number(value);
    else if (!(colon > 0 && name === 'content-type' && /^application\/vscode-jsonrpc;\s*charset=utf-?8$/i.test(value))) return null;
  }
  if (length < 0) return null;
  if (buf.length < end + 4 + length) return undefined;
  try {
    return JSON.parse(buf.subarray(end + 4, end + 4 + length).toString('utf8'));
  } catch {
    return null;
  }
}

function earlyStdio(): void {
  const stdin = process.stdin;
  let received: Buffer = Buffer.alloc(0);
  let decided = false;
  const onData = (d: Buffer): void => {
    received = received.length ? Buffer.concat([received, d]) : d;
    if (decided) return;
    const first = firstMessage(received);
    if (first === undefined) return;
    decided = true;
    const init = answerable(first);
    if (!init) return handOver(undefined);
    const json = JSON.stringify(response(init.id));
    const body = Buffer.from(json, 'utf8');
    // Hand over once the answer is written, so that loading the server does not hold it back;
    // if it could not be written, the server proper answers.
    process.stdout.write(Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]), (error) =>
      handOver(error ? undefined : { id: init.id, json }),
    );
  };
  // Before the hand-over, the end of stdin ends the server as the library would (no `shutdown` was handled: code 1).
  const onEnd = (): void => process.exit(1);
  const handOver = (answered: EarlyStart['answered']): void => {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdin.off('close', onEnd);
    stdin.pause();
    if (received.length) stdin.unshift(received);
    startFull({ transport: 'stdio', messages: [], answered });
    stdin.resume();
  };
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.on('close', onEnd);
}

function earlyIpc(): void {
  const messages: unknown[] = [];
  let decided = false;
  const handOver = (answered: EarlyStart['answered']): void => {
    process.off('message', onMessage);
    startFull({ transport: 'ipc', messages, answered });
  };
  const onMessage = (m: unknown): void => {
    messages.push(m);
    if (decided) return;
    decided = true;
    const init = answerable(m);
    if (!init) return handOver(undefined);
    const r = response(init.id);
    const json = JSON.stringify(r);
    try {
      process.send!(r, undefined, undefined, (error: Error | null) => handOver(error ? undefined : { id: init.id, json }));
    } catch {
      handOver(undefined);
    }
  };
  process.on('message', onMessage);
}

const how = transport();
if (how === 'stdio') earlyStdio();
else if (how === 'ipc') earlyIpc();
else startFull();
