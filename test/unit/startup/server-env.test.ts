/**
 * The environment and Node options the VS Code extension starts the language
 * server with (client/src/server-env.ts): the benchmark uses the same, it
 * really turns NODE_EXTRA_CA_CERTS off for Node, and Node really sizes its
 * V8 thread pool as asked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_ENV, serverExecArgv } from '../../../client/src/server-env';
import { repoRoot } from '../../lsp/client';

interface BenchStart {
  EXTENSION_SERVER_ENV: Record<string, string>;
  extensionExecArgv(parallelism: number): string[];
}

test('the benchmark starts the server with the environment and Node options the extension gives it', async () => {
  const bench = (await import(pathToFileURL(join(repoRoot(), 'bench', 'lsp.mjs')).href)) as BenchStart;
  assert.deepEqual({ ...bench.EXTENSION_SERVER_ENV }, { ...SERVER_ENV });
  for (const cores of [0, 1, 2, 3, 4, 5, 8, 64, 1.5, NaN]) assert.deepEqual(bench.extensionExecArgv(cores), serverExecArgv(cores), `${cores} cores`);
});

test('one V8 helper thread per core but one, at least one and at most Node\'s own 4', () => {
  const pool = (cores: number) => serverExecArgv(cores).find((a) => a.startsWith('--v8-pool-size='));
  assert.equal(pool(1), '--v8-pool-size=1');
  assert.equal(pool(2), '--v8-pool-size=1');
  assert.equal(pool(3), '--v8-pool-size=2');
  assert.equal(pool(4), '--v8-pool-size=3');
  assert.equal(pool(16), '--v8-pool-size=4');
  assert.equal(pool(0), '--v8-pool-size=1');
});

test("Node takes the extension's options and runs that many V8 helper threads", { skip: process.platform !== 'linux' && 'threads are counted in /proc' }, () => {
  const threads = (execArgv: string[]) => {
    const r = spawnSync(process.execPath, [...execArgv, '-p', "require('fs').readdirSync('/proc/self/task').length"], { encoding: 'utf8', env: { ...process.env, ...SERVER_ENV } });
    assert.equal(r.status, 0, r.stderr);
    return Number(r.stdout.trim());
  };
  // Node's default pool is 4; the extension's options on a 2-core machine ask for 1: three threads fewer.
  assert.equal(threads([]) - threads(serverExecArgv(2)), 3);
});

test("the extension's environment turns NODE_EXTRA_CA_CERTS off: Node does not even look for the bundle", () => {
  // Set to a file that does not exist, Node warns on stderr as it starts; with the extension's value it does not.
  const missing = join(repoRoot(), 'no-such-ca-bundle.pem');
  const set = spawnSync(process.execPath, ['-e', '0'], { env: { ...process.env, NODE_EXTRA_CA_CERTS: missing }, encoding: 'utf8' });
  assert.match(set.stderr, /no-such-ca-bundle/);
  const extension = spawnSync(process.execPath, ['-e', '0'], { env: { ...process.env, NODE_EXTRA_CA_CERTS: missing, ...SERVER_ENV }, encoding: 'utf8' });
  assert.equal(extension.stderr, '');
  assert.equal(extension.status, 0);
});
