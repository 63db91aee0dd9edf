/**
 * Protocol hygiene against the bundled server (dist/server.js) over stdio,
 * with a raw JSON-RPC client so that malformed messages, cancellation races
 * and a crashing rule can be produced exactly:
 *   - unknown documents and out-of-range positions: empty results;
 *   - malformed params: ErrorCodes.InvalidParams (-32602);
 *   - a request cancelled before it runs: LSPErrorCodes.RequestCancelled (-32800);
 *   - garbage on the wire, unknown methods, huge positions: the server lives on;
 *   - a rule that throws (QEMU_PMEM_TEST_CRASH_RULE) is logged once and the
 *     other rules still report.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { frame, RawClient } from './raw';
import { BROKEN_SCRIPT } from './client';

const INVALID_PARAMS = -32602;
const REQUEST_CANCELLED = -32800;
const METHOD_NOT_FOUND = -32601;

const URI = 'file:///tmp/hygiene.sh';

let c: RawClient;
before(async () => {
  c = RawClient.stdio();
  assert.ok((await c.initialize()).result?.capabilities);
  await c.open(URI, BROKEN_SCRIPT);
});
after(async () => {
  await c.stop();
});

test('unknown documents get empty results', async () => {
  const unknown = { textDocument: { uri: 'file:///never/opened.sh' } };
  const pos = { line: 0, character: 0 };
  assert.equal((await c.request('textDocument/hover', { ...unknown, position: pos })).result, null);
  assert.equal((await c.request('textDocument/completion', { ...unknown, position: pos })).result, null);
  assert.equal((await c.request('textDocument/documentSymbol', unknown)).result, null);
  assert.equal((await c.request('textDocument/codeLens', unknown)).result, null);
  assert.equal((await c.request('textDocument/codeAction', { ...unknown, range: { start: pos, end: pos }, context: { diagnostics: [] } })).result, null);
  assert.equal((await c.request('qemuPmem/invocation', { uri: 'file:///never/opened.sh' })).result, null);
});

test('out-of-range positions clamp to the document and answer normally', async () => {
  for (const position of [
    { line: 9999, character: 0 },
    { line: 0, character: 99999 },
    { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
  ]) {
    const h = await c.request('textDocument/hover', { textDocument: { uri: URI }, position });
    assert.equal(h.error, undefined, JSON.stringify(position));
    const comp = await c.request('textDocument/completion', { textDocument: { uri: URI }, position });
    assert.equal(comp.error, undefined);
    assert.ok(comp.result === null || Array.isArray(comp.result.items));
  }
  const far = { start: { line: 500, character: 3 }, end: { line: 900, character: 0 } };
  const ca = await c.request('textDocument/codeAction', { textDocument: { uri: URI }, range: far, context: { diagnostics: [] } });
  assert.equal(ca.error, undefined);
  const inv = await c.request('qemuPmem/invocation', { uri: URI, line: 123456 });
  assert.equal(inv.error, undefined);
});

test('malformed params are answered with InvalidParams', async () => {
  const cases: [string, unknown][] = [
    ['textDocument/hover', { bogus: true }],
    ['textDocument/hover', { textDocument: { uri: URI } }],
    ['textDocument/hover', { textDocument: { uri: URI }, position: { line: -1, character: 0 } }],
    ['textDocument/hover', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }],
    ['textDocument/completion', { textDocument: { uri: URI }, position: { line: 'zero', character: 0 } }],
    ['textDocument/completion', { textDocument: null, position: { line: 0, character: 0 } }],
    ['textDocument/documentSymbol', {}],
    ['textDocument/codeLens', { textDocument: 'file:///x.sh' }],
    ['textDocument/codeAction', { textDocument: { uri: URI }, range: { start: 0, end: 1 } }],
    ['qemuPmem/invocation', { uri: URI, line: 1.5 }],
    ['qemuPmem/invocation', { line: 1 }],
    ['qemuPmem/libvirtArgs', { uri: null }],
  ];
  for (const [method, params] of cases) {
    const r = await c.request(method, params);
    assert.equal(r.error?.code, INVALID_PARAMS, `${method} ${JSON.stringify(params)} -> ${JSON.stringify(r)}`);
  }
  const none = await c.request('textDocument/hover');
  assert.ok(none.error, 'a hover without params is an error');
});

test('codeAction tolerates a missing context', async () => {
  const r = await c.request('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } });
  assert.equal(r.error, undefined);
  assert.ok(Array.isArray(r.result));
});

test('a request cancelled before it runs is answered with RequestCancelled', async () => {
  for (const [method, params] of [
    ['textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 12 } }],
    ['textDocument/completion', { textDocument: { uri: URI }, position: { line: 2, character: 12 } }],
    ['textDocument/documentSymbol', { textDocument: { uri: URI } }],
  ] as const) {
    const r = await c.requestAndCancel(method, params);
    assert.equal(r.error?.code, REQUEST_CANCELLED, `${method}: ${JSON.stringify(r)}`);
  }
  // Cancelling an answered or unknown request is harmless.
  c.notify('$/cancelRequest', { id: 987654 });
  const ok = await c.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
  assert.equal(ok.result.length, 1);
});

test('garbage, unknown methods and bad notifications do not stop the server', async () => {
  c.writeRaw(frame('{"jsonrpc":"2.0","id":'));
  c.writeRaw(frame('[1,2,3]'));
  c.notify('textDocument/didChange', { textDocument: { uri: 'file:///not/open.sh', version: 2 }, contentChanges: [{ text: 'x' }] });
  c.notify('textDocument/didOpen', { textDocument: null });
  c.notify('workspace/didChangeConfiguration', { settings: { qemuPmem: { maxFileSize: 'huge', rules: 7 } } });
  c.notify('$/unknownNotification', { x: 1 });
  const unknown = await c.request('qemuPmem/noSuchMethod', {});
  assert.equal(unknown.error?.code, METHOD_NOT_FOUND);
  const after = await c.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
  assert.equal(after.error, undefined);
  assert.equal(c.exited, null, c.stderr);
});

test('above qemuPmem.maxFileSize the server says so in one information diagnostic', async () => {
  const s = RawClient.stdio();
  try {
    const init = await s.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions: { settings: { maxFileSize: 1000 } },
    });
    assert.ok(init.result);
    s.notify('initialized', {});
    const big = `${BROKEN_SCRIPT}${'# padding\n'.repeat(200)}`;
    const t = Date.now();
    const d = await s.open('file:///tmp/big.sh', big);
    assert.ok(Date.now() - t < 5000);
    assert.equal(d.params.diagnostics.length, 1);
    const [diag] = d.params.diagnostics;
    assert.equal(diag.severity, 3);
    assert.equal(diag.code, 'file-too-large');
    assert.match(diag.message, /maxFileSize/);
    const h = await s.request('textDocument/hover', { textDocument: { uri: 'file:///tmp/big.sh' }, position: { line: 2, character: 12 } });
    assert.equal(h.result, null);
  } finally {
    await s.stop();
  }
});

test('at most qemuPmem.diagnostics.maxPerFile diagnostics are published, errors first, with one problems-not-shown note', async () => {
  // 1,200 commands with an unknown device (error) each, and a warning-only one first.
  const text = 'qemu-system-x86_64 -object memory-backend-file,id=w,size=1G,mem-path=/tmp/w,size=1G\n' + Array.from({ length: 1200 }, (_, i) => `qemu-system-x86_64 -device nope${i}\n`).join('');
  const d = await c.open('file:///tmp/many.sh', text);
  const diags: { code: string; severity: number; message: string; range: { start: { line: number } } }[] = d.params.diagnostics;
  assert.equal(diags.length, 1001);
  const notes = diags.filter((x) => x.code === 'problems-not-shown');
  assert.equal(notes.length, 1);
  assert.equal(notes[0].severity, 3);
  assert.match(notes[0].message, /shows 1,000 of the 1,20\d problems/);
  assert.ok(diags.filter((x) => x.code !== 'problems-not-shown').every((x) => x.severity === 1), 'errors fill every place');
  assert.equal(notes[0].range.start.line, 0, 'on the first problem left out (the warning on line 1)');
  const s = RawClient.stdio();
  try {
    await s.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings: { diagnostics: { maxPerFile: 5000 } } } });
    s.notify('initialized', {});
    const all = await s.open('file:///tmp/many.sh', text);
    assert.equal(all.params.diagnostics.filter((x: { code: string }) => x.code === 'problems-not-shown').length, 0);
    assert.ok(all.params.diagnostics.length > 1200);
  } finally {
    await s.stop();
  }
});

test('a 10 MB file under the default limit setting is skipped at once with one information diagnostic', async () => {
  const line = 'qemu-system-x86_64 -machine pc,nvdimm=on -m 1G -device nvdimm,memdev=m\n';
  const huge = line.repeat(Math.ceil((10 << 20) / line.length));
  const t = Date.now();
  const d = await c.open('file:///tmp/huge.sh', huge);
  const ms = Date.now() - t;
  assert.equal(d.params.diagnostics.length, 1);
  assert.equal(d.params.diagnostics[0].code, 'file-too-large');
  // Transfer over the pipe included; generous for a loaded CI machine.
  assert.ok(ms < 10_000, `${ms} ms`);
  const sym = await c.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///tmp/huge.sh' } });
  assert.equal(sym.result, null);
  c.notify('textDocument/didClose', { textDocument: { uri: 'file:///tmp/huge.sh' } });
});

test('a crashing rule is logged once and the other rules still report', async () => {
  const s = RawClient.stdio({ QEMU_PMEM_TEST_CRASH_RULE: 'nvdimm-not-enabled' });
  try {
    assert.ok((await s.initialize()).result?.capabilities);
    const d1 = await s.open('file:///tmp/crash1.sh', BROKEN_SCRIPT);
    const d2 = await s.open('file:///tmp/crash2.sh', BROKEN_SCRIPT.replace('nv1', 'nv2'));
    for (const d of [d1, d2]) {
      const codes = d.params.diagnostics.map((x: { code: string }) => x.code);
      assert.ok(!codes.includes('nvdimm-not-enabled'), codes.join(','));
      assert.ok(codes.includes('label-size-too-small'), codes.join(','));
    }
    // The log line arrives as window/logMessage (connection.console.error).
    await s.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///tmp/crash2.sh' } });
    const logs = s.received.filter((m) => m.method === 'window/logMessage' && /rule nvdimm-not-enabled failed/.test(m.params.message));
    assert.equal(logs.length, 1, JSON.stringify(s.received.map((m) => m.params?.message).slice(0, 5)));
    assert.equal(logs[0].params.type, 1);
    assert.match(logs[0].params.message, /crashed on purpose/);
  } finally {
    await s.stop();
  }
});
