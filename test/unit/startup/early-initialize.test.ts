/**
 * The server's start-up bundle (dist/server.js, server/src/lsp/main.ts)
 * answers `initialize` before loading the server proper and then hands the
 * transport over. These tests drive the bundled server over stdio and
 * --node-ipc with raw messages and check that the hand-over loses, repeats
 * and reorders nothing:
 *   - exactly one answer to `initialize`, the same as the full server's;
 *   - messages sent together with `initialize` (before its answer) are handled;
 *   - a first message split across writes is read whole;
 *   - a first message that is not `initialize` goes to the full server as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frame, RawClient, type Message } from '../../lsp/raw';
import { BROKEN_SCRIPT } from '../../lsp/client';

const URI = 'file:///tmp/early.sh';
const INIT_PARAMS = { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } };

const init = (id: number | string = 1) => ({ jsonrpc: '2.0', id, method: 'initialize', params: INIT_PARAMS });
const initialized = { jsonrpc: '2.0', method: 'initialized', params: {} };
const didOpen = (uri = URI) => ({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'shellscript', version: 1, text: BROKEN_SCRIPT } } });
const isDiagnostics = (uri = URI) => (m: Message) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri;

/** `initialize` (id 1) answered once, diagnostics published, a clean exit with nothing on stderr. */
async function handshakeCompletes(p: RawClient): Promise<void> {
  await p.waitFor((m) => m.id === 1);
  await p.waitFor(isDiagnostics());
  assert.equal(await p.stop(), 0);
  assert.equal(p.answers(1).length, 1);
  assert.equal(p.stderr, '');
}

/** What the full server answers when it is the one to answer (its first message is not `initialize`). */
async function fullServerAnswer(): Promise<unknown> {
  const p = RawClient.stdio();
  p.send({ jsonrpc: '2.0', method: '$/setTrace', params: { value: 'off' } }, init(7), initialized);
  const r = await p.waitFor((m) => m.id === 7);
  assert.equal(await p.stop(), 0);
  assert.equal(p.stderr, '');
  return r.result;
}

for (const transport of ['stdio', 'ipc'] as const) {
  test(`${transport}: one answer to initialize, and messages sent with it are handled`, async () => {
    const p = transport === 'ipc' ? RawClient.ipc() : RawClient.stdio();
    // Everything in one go, before the answer: the hand-over must keep it all, in order.
    p.send(init(1), initialized, didOpen());
    const answer = await p.waitFor((m) => m.id === 1);
    const diags = await p.waitFor(isDiagnostics());
    const codes = diags.params.diagnostics.map((d: { code: string }) => d.code).sort();
    assert.ok(codes.includes('label-size-too-small') && codes.includes('nvdimm-not-enabled'), codes.join(','));
    const sym = await new Promise<Message>((resolve) => {
      void p.waitFor((m) => m.id === 2).then(resolve);
      p.send({ jsonrpc: '2.0', id: 2, method: 'textDocument/documentSymbol', params: { textDocument: { uri: URI } } });
    });
    assert.equal(sym.result.length, 1);
    assert.equal(await p.stop(), 0);
    assert.equal(p.answers(1).length, 1, JSON.stringify(p.answers(1)));
    assert.deepEqual(answer.result, await fullServerAnswer());
    assert.equal(p.stderr, '');
  });
}

test('stdio: a first message split across writes is read whole', async () => {
  const p = RawClient.stdio();
  const bytes = Buffer.concat([frame(init(1)), frame(initialized), frame(didOpen())]);
  let from = 0;
  for (const cut of [5, 17, 40, 90]) {
    p.writeRaw(bytes.subarray(from, cut));
    from = cut;
    await new Promise((r) => setTimeout(r, 20));
  }
  p.writeRaw(bytes.subarray(from));
  await handshakeCompletes(p);
});

test('stdio: a first message other than initialize is left to the full server', async () => {
  const p = RawClient.stdio();
  p.send({ jsonrpc: '2.0', id: 'early', method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 0, character: 0 } } });
  const r = await p.waitFor((m) => m.id === 'early');
  assert.ok(r.error || r.result === null, JSON.stringify(r));
  p.send(init(1), initialized, didOpen());
  await handshakeCompletes(p);
});

test('stdio: initialize without capabilities is answered by the full server (with its error)', async () => {
  const p = RawClient.stdio();
  p.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null } });
  const r = await p.waitFor((m) => m.id === 1);
  assert.ok(r.error, JSON.stringify(r));
  assert.equal(await p.stop(), 0);
  assert.equal(p.answers(1).length, 1);
});

test('stdio: settings from initializationOptions still reach the server', async () => {
  const p = RawClient.stdio();
  p.send(
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { ...INIT_PARAMS, initializationOptions: { settings: { rules: { 'label-size-too-small': 'off' } } } } },
    initialized,
    didOpen(),
  );
  const diags = await p.waitFor(isDiagnostics());
  const codes = diags.params.diagnostics.map((d: { code: string }) => d.code);
  assert.ok(!codes.includes('label-size-too-small'), codes.join(','));
  assert.ok(codes.includes('nvdimm-not-enabled'), codes.join(','));
  assert.equal(await p.stop(), 0);
  assert.equal(p.stderr, '');
});
