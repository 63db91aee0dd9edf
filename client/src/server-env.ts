/**
 * How the extension starts the language server: what it changes in the
 * environment (the rest is VS Code's environment, as vscode-languageclient
 * passes it on) and the Node options it adds.
 *
 * bench/lsp.mjs starts the server with the same values (a unit test keeps
 * the two equal), so the benchmark measures the start users get.
 */

/**
 * NODE_EXTRA_CA_CERTS: Node (20 and 22, and VS Code's Electron) reads the
 * named CA bundle and builds its root certificate store when the process
 * starts, before any of our code runs. With Debian's ca-certificates bundle
 * that is about 90 ms of a 2-core machine's start (node -e 0: 130 ms with it,
 * 45 ms without; docs/benchmarks.md). Corporate set-ups often set it. The
 * server makes no TLS connection (QMP is a Unix socket, nothing else is
 * networked), so it starts without it; Node treats an empty value as unset.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = Object.freeze({ NODE_EXTRA_CA_CERTS: '' });

/**
 * Node's V8 platform runs the optimising compiler's jobs and the garbage
 * collector's helpers on a pool of 4 threads, whatever the machine. Opening a
 * big script in a fresh server is mostly the first run of the engine's code,
 * and V8 optimises it on those threads meanwhile: on a 2-core machine 4 of
 * them take CPU from the thread doing the analysis (the 20,000-line benchmark
 * script: 1.4 s of CPU in 0.8 s). With one helper per core but one, the main
 * thread keeps a core: about a third less time to the first diagnostics
 * there (docs/benchmarks.md). Never more than Node's own 4. VS Code's
 * Electron sizes its own pool and ignores the option (its node mode parses
 * Node's options with Node's own parser but starts its own V8 platform; the
 * only options it refuses are five OpenSSL/FIPS ones); plain Node
 * (code-server, remote hosts, the benchmark) applies it.
 */
export function serverExecArgv(parallelism: number): string[] {
  const n = Number.isFinite(parallelism) ? Math.floor(parallelism) : 1;
  return [`--v8-pool-size=${Math.min(4, Math.max(1, n - 1))}`];
}
