/**
 * LSP protocol tests against the bundled server (dist/server.js) over stdio.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompletionRequest,
  HoverRequest,
  CodeActionRequest,
  DocumentSymbolRequest,
  DidChangeTextDocumentNotification,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type CodeAction,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { BROKEN_SCRIPT, startClient, type TestClient } from './client';

const BROKEN = `#!/bin/bash\n${BROKEN_SCRIPT}`;

let c: TestClient;
before(async () => {
  c = await startClient();
});
after(async () => {
  await c.stop();
});

test('initialize announces the features and the server', () => {
  const caps = c.init.capabilities;
  assert.ok(caps.completionProvider);
  assert.equal(caps.hoverProvider, true);
  assert.equal(caps.documentSymbolProvider, true);
  assert.ok(caps.codeActionProvider);
  assert.equal(c.init.serverInfo?.name, 'qemu-pmem-language-server');
});

test('didOpen publishes diagnostics at the right ranges', async () => {
  const uri = 'file:///tmp/proto-broken.sh';
  const p = await c.open(uri, BROKEN);
  const byCode = new Map(p.diagnostics.map((d) => [String(d.code), d]));
  const nv = byCode.get('nvdimm-not-enabled');
  assert.ok(nv, `codes: ${[...byCode.keys()].join(', ')}`);
  assert.deepEqual(nv.range, { start: { line: 3, character: 10 }, end: { line: 3, character: 16 } });
  const label = byCode.get('label-size-too-small')!;
  assert.deepEqual(label.range, { start: { line: 3, character: 47 }, end: { line: 3, character: 50 } });
  assert.equal(label.source, 'qemu-pmem');
  assert.match(String(label.codeDescription?.href), /docs\/rules\/label-size-too-small\.md$/);
});

test('completion after -device offers the pmem devices', async () => {
  const uri = 'file:///tmp/proto-complete.sh';
  const text = 'qemu-system-x86_64 -machine pc,nvdimm=on -device \n';
  await c.open(uri, text);
  const res = (await c.conn.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 0, character: text.indexOf('\n') },
  })) as CompletionList;
  const labels = res.items.map((i: CompletionItem) => i.label);
  assert.ok(labels.includes('nvdimm'), labels.slice(0, 10).join(','));
  assert.ok(labels.includes('virtio-pmem-pci'));
});

test('completion inside nvdimm, offers its properties', async () => {
  const uri = 'file:///tmp/proto-props.sh';
  const text = 'qemu-system-x86_64 -device nvdimm,\n';
  await c.open(uri, text);
  const res = (await c.conn.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 0, character: text.indexOf('\n') },
  })) as CompletionList;
  const labels = res.items.map((i) => i.label);
  for (const want of ['label-size', 'unarmed', 'memdev']) assert.ok(labels.includes(want), `${want} in ${labels.join(',')}`);
});

test("completion offers the keys of the configured QEMU (qemuPmem.qemuVersion), not newer ones", async () => {
  const text = 'qemu-system-x86_64 -object memory-backend-file,id=m,\n';
  const keysWith = async (client: TestClient, uri: string) => {
    await client.open(uri, text);
    const res = (await client.conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: text.indexOf('\n') },
    })) as CompletionList;
    return res.items.map((i) => i.label);
  };
  const byDefault = await keysWith(c, 'file:///tmp/proto-version-default.sh');
  assert.ok(byDefault.includes('share') && !byDefault.includes('rom'), byDefault.join(','));
  const newer = await startClient({ qemuVersion: '8.2' });
  try {
    const at82 = await keysWith(newer, 'file:///tmp/proto-version-82.sh');
    assert.ok(at82.includes('share') && at82.includes('rom'), at82.join(','));
  } finally {
    await newer.stop();
  }
});

test('hover on label-size shows its documentation', async () => {
  const uri = 'file:///tmp/proto-hover.sh';
  await c.open(uri, BROKEN);
  const line = BROKEN.split('\n')[3];
  const h = await c.conn.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: { line: 3, character: line.indexOf('label-size') + 2 },
  });
  assert.ok(h);
  const value = (h.contents as { value: string }).value;
  assert.match(value, /label-size/);
  assert.match(value, /128/);
});

test('a quick fix repairs label-size and the diagnostic disappears after the edit', async () => {
  const uri = 'file:///tmp/proto-fix.sh';
  const p = await c.open(uri, BROKEN);
  const d = p.diagnostics.find((x: Diagnostic) => x.code === 'label-size-too-small')!;
  const actions = (await c.conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d] },
  })) as CodeAction[];
  const fix = actions.find((a) => /128K/.test(a.title));
  assert.ok(fix, actions.map((a) => a.title).join(', '));
  const edits = fix.edit!.changes![uri];
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, '128K');
  const next = c.nextDiagnostics(uri, 2);
  await c.conn.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: edits[0].range, text: edits[0].newText }],
  });
  const after = await next;
  assert.ok(!after.diagnostics.some((x) => x.code === 'label-size-too-small'));
  assert.ok(after.diagnostics.some((x) => x.code === 'nvdimm-not-enabled'));
});

test('documentSymbol outlines the invocation', async () => {
  const uri = 'file:///tmp/proto-symbols.sh';
  await c.open(uri, BROKEN);
  const syms = (await c.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  assert.equal(syms.length, 1);
  assert.equal(syms[0].name, 'qemu-system-x86_64');
  const names = syms[0].children!.map((s) => s.name);
  assert.deepEqual(names, ['machine pc', 'memory 4G', 'mem1', 'nvdimm nv1']);
  // Leaves carry no empty children list, and no empty detail (both optional; big outlines are megabytes of JSON).
  for (const leaf of syms[0].children!) {
    assert.ok(!('children' in leaf), `${leaf.name}: children`);
    assert.ok(!('detail' in leaf) || leaf.detail !== '', `${leaf.name}: empty detail`);
  }
  assert.ok(syms[0].children!.some((s) => s.detail), 'a child with a detail keeps it');
});

test('requests for unknown documents and bad positions get empty answers, and the server lives on', async () => {
  const h = await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///nope.sh' }, position: { line: 0, character: 0 } });
  assert.equal(h, null);
  const uri = 'file:///tmp/proto-range.sh';
  await c.open(uri, BROKEN);
  const far = await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 999, character: 999 } });
  assert.ok(far === null || Array.isArray((far as CompletionList).items));
  // Malformed params get InvalidParams (-32602); see test/lsp/hygiene.test.ts.
  await assert.rejects(c.conn.sendRequest('textDocument/hover', { bogus: true }), (e: { code?: number }) => e.code === -32602);
  const again = await c.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  assert.ok(Array.isArray(again));
});
