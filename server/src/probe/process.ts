/**
 * Running QEMU for a probe: a private temporary directory, a QMP socket
 * that WE listen on (QEMU connects to it as a client while it sets up its
 * chardevs, so there is no polling for a socket to appear), a time limit and
 * an abort signal that both kill QEMU, and clean-up that always runs.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { QmpClient } from './qmp';

/** Create a private (0700) temporary directory, run fn, then remove the directory whatever happened. */
export async function withPrivateDir<T>(fn: (dir: string) => Promise<T>, parent = os.tmpdir()): Promise<T> {
  // A unix socket path must fit in sun_path (108 bytes); fall back to /tmp for long TMPDIRs.
  const base = parent.length > 60 ? '/tmp' : parent;
  const dir = await fs.promises.mkdtemp(path.join(base, 'qemu-pmem-'));
  try {
    await fs.promises.chmod(dir, 0o700);
    return await fn(dir);
  } finally {
    await removeTree(dir);
  }
}

/** rm -rf that also copes with entries the probe made read-only. */
async function removeTree(dir: string): Promise<void> {
  try {
    await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // A mirrored mode like 0555 on a sub-directory blocks removal: open it up and retry.
    const walk = async (p: string) => {
      try {
        const st = await fs.promises.lstat(p);
        if (st.isDirectory()) {
          await fs.promises.chmod(p, 0o700);
          for (const e of await fs.promises.readdir(p)) await walk(path.join(p, e));
        }
      } catch {
        /* best effort */
      }
    };
    await walk(dir);
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** QemuOpts value escaping: a comma is written twice. */
export const escapeOptValue = (v: string) => v.replace(/,/g, ',,');

export interface QemuRun<T> {
  /** Exit code, or null when killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  /** QEMU could not be started at all (ENOENT, EACCES). */
  readonly spawnError: Error | null;
  /** The QMP session's result, when QEMU connected and the session completed. */
  readonly session: { ok: true; value: T } | { ok: false; error: Error } | null;
  /** Process id QEMU ran as (for tests that check nothing is left behind). */
  readonly pid: number | null;
  /** Wall time from spawn to exit, milliseconds. */
  readonly ms: number;
}

export interface QemuRunInput<T> {
  readonly binary: string;
  readonly args: readonly string[];
  /** The private directory for the QMP socket. */
  readonly dir: string;
  readonly cwd?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called with every chunk QEMU writes to stdout (the serial console in a boot probe). */
  readonly onStdout?: (chunk: string) => void;
  /** Called with the child's pid right after it is spawned. */
  readonly onSpawn?: (pid: number) => void;
  /** What to do once QMP is up (after qmp_capabilities). */
  readonly session: (qmp: QmpClient) => Promise<T>;
}

/**
 * Spawn QEMU (argv array, never a shell) with an extra QMP monitor on a unix
 * socket in `dir`, run the session, and wait for QEMU to exit. Never throws
 * for QEMU-side problems: they are in the result.
 */
export async function runQemu<T>(input: QemuRunInput<T>): Promise<QemuRun<T>> {
  const sock = path.join(input.dir, 'qmp.sock');
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sock, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });

  const argv = [
    ...input.args,
    '-chardev', `socket,id=qpmem-qmp,path=${escapeOptValue(sock)}`,
    '-mon', 'chardev=qpmem-qmp,mode=control',
  ];
  const started = Date.now();
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  let aborted = false;
  let spawnError: Error | null = null;
  let session: QemuRun<T>['session'] = null;
  let qmp: QmpClient | null = null;

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child = spawn(input.binary, argv, {
      cwd: input.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (s: string) => {
      stdout += s;
      input.onStdout?.(s);
    });
    child.stderr!.on('data', (s: string) => (stderr += s));
    child.on('error', (e) => {
      spawnError = e;
      resolve({ code: null, signal: null });
    });
    // 'close' (not 'exit'): all output has been read by then.
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const pid = child!.pid ?? null;
  if (pid !== null) input.onSpawn?.(pid);

  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    qmp?.close();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, input.timeoutMs);
  const onAbort = () => {
    aborted = true;
    kill();
  };
  if (input.signal?.aborted) onAbort();
  input.signal?.addEventListener('abort', onAbort, { once: true });

  // The session runs once QEMU connects; if QEMU exits first, it never starts.
  const sessionDone = new Promise<void>((resolve) => {
    server.once('connection', (socket) => {
      qmp = new QmpClient(socket);
      const client = qmp;
      (async () => {
        try {
          await client.handshake(Math.max(1000, input.timeoutMs));
          session = { ok: true, value: await input.session(client) };
        } catch (e) {
          session = { ok: false, error: e instanceof Error ? e : new Error(String(e)) };
        }
        resolve();
      })();
    });
    void exited.then(() => {
      // Give a connected session the chance to see the connection close.
      if (qmp === null) resolve();
    });
  });

  const result = await exited;
  await sessionDone;
  clearTimeout(timer);
  input.signal?.removeEventListener('abort', onAbort);
  (qmp as QmpClient | null)?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    code: result.code,
    signal: result.signal,
    stdout,
    stderr,
    timedOut,
    aborted,
    spawnError,
    session,
    pid,
    ms: Date.now() - started,
  };
}
