// Test suite run inside VS Code's extension host by test/vscode/runTest.js.
// Plain assertions (no mocha): run() rejects on the first failure, which
// makes @vscode/test-electron exit non-zero.
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
// Provided by the extension host.
// eslint-disable-next-line import/no-unresolved
const vscode = require('vscode');

const SOURCE = 'qemu-pmem';
const TIMEOUT_MS = 30_000;

/** Resolves with our diagnostics of `uri` once pred(diags) holds (event-driven). */
function waitForDiagnostics(uri, pred, timeoutMs = TIMEOUT_MS) {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
  return new Promise((resolve, reject) => {
    const now = ours();
    if (pred(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics of ${uri.fsPath} not as expected after ${timeoutMs} ms: ${JSON.stringify(ours().map(describe))}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = ours();
      if (pred(d)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
}

function codeOf(d) {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

function describe(d) {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`;
}

async function testBrokenLaunchScript(workspace) {
  const uri = vscode.Uri.file(path.join(workspace, 'broken.sh'));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'shellscript');

  const diags = await waitForDiagnostics(uri, (d) => {
    const codes = d.map(codeOf);
    return codes.includes('label-size-too-small') && codes.includes('nvdimm-not-enabled');
  });

  // label-size-too-small covers (part of) "label-size=64K", on its line.
  const text = doc.getText();
  const start = doc.positionAt(text.indexOf('label-size=64K'));
  const end = doc.positionAt(text.indexOf('label-size=64K') + 'label-size=64K'.length);
  const label = diags.find((d) => codeOf(d) === 'label-size-too-small');
  assert.equal(label.severity, vscode.DiagnosticSeverity.Error, describe(label));
  assert.equal(label.range.start.line, start.line, describe(label));
  assert.ok(label.range.start.character >= start.character && label.range.end.character <= end.character, describe(label));

  const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(codeOf).sort();
  assert.deepEqual(errors, ['label-size-too-small', 'nvdimm-not-enabled'], diags.map(describe).join('\n'));
}

async function run() {
  const workspace = process.env.QEMU_PMEM_TEST_WORKSPACE || vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(workspace, 'no workspace folder');
  const tests = [['broken launch script gets diagnostics', testBrokenLaunchScript]];
  for (const [name, fn] of tests) {
    await fn(workspace);
    console.log(`ok - ${name}`);
  }
}

module.exports = { run };
