/**
 * The environment the VS Code extension starts the language server with
 * (client/src/server-env.ts): the benchmark uses the same, and it really
 * turns NODE_EXTRA_CA_CERTS off for Node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_ENV } from '../../../client/src/server-env';
import { repoRoot } from '../../lsp/client';

test('the benchmark starts the server with the environment the extension gives it', async () => {
  const bench = (await import(pathToFileURL(join(repoRoot(), 'bench', 'lsp.mjs')).href)) as { EXTENSION_SERVER_ENV: Record<string, string> };
  assert.deepEqual({ ...bench.EXTENSION_SERVER_ENV }, { ...SERVER_ENV });
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
