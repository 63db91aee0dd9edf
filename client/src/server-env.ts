/**
 * What the extension changes in the environment it starts the language
 * server with (the rest is VS Code's environment, as vscode-languageclient
 * passes it on).
 *
 * NODE_EXTRA_CA_CERTS: Node (20 and 22, and VS Code's Electron) reads the
 * named CA bundle and builds its root certificate store when the process
 * starts, before any of our code runs. With Debian's ca-certificates bundle
 * that is about 90 ms of a 2-core machine's start (node -e 0: 130 ms with it,
 * 45 ms without; docs/benchmarks.md). Corporate set-ups often set it. The
 * server makes no TLS connection (QMP is a Unix socket, nothing else is
 * networked), so it starts without it; Node treats an empty value as unset.
 *
 * bench/lsp.mjs starts the server with the same values (a unit test keeps
 * the two equal), so the benchmark measures the start users get.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = Object.freeze({ NODE_EXTRA_CA_CERTS: '' });
