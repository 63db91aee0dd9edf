import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, MAX_FINDINGS_PER_DOCUMENT, type ShellModels } from '../../../server/src/engine/analyze';
import { documentSymbols, OUTLINE } from '../../../server/src/engine/features/symbols';
import { composeChange, reanalyze } from '../../../server/src/engine/incremental';

/** `n` one-line invocations with one finding each (unknown-device), then one more clean invocation. */
function script(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`qemu-system-x86_64 -device nope${i}`);
  lines.push('qemu-system-x86_64 -device nope-last');
  return lines.join('\n') + '\n';
}

test('problems-not-checked: at the limit, the next invocation is not checked and says so', () => {
  const text = script(MAX_FINDINGS_PER_DOCUMENT);
  const a = analyze(text, { languageId: 'shellscript' });
  assert.equal(a.findings.filter((f) => f.code === 'unknown-device').length, MAX_FINDINGS_PER_DOCUMENT);
  const notes = a.findings.filter((f) => f.code === 'problems-not-checked');
  assert.equal(notes.length, 1);
  assert.equal(notes[0].severity, 'information');
  const last = text.lastIndexOf('qemu-system-x86_64');
  assert.deepEqual(notes[0].span, { start: last, end: last + 'qemu-system-x86_64'.length });
  assert.match(notes[0].message, /the 10,000 problems above reach the limit of 10,000 per file, so this command and the 0 after it are not checked/);
  // Every VM is still modelled (outline, hover): only the rules stop.
  assert.equal(a.vms.length, MAX_FINDINGS_PER_DOCUMENT + 1);
});

test('problems-not-checked: below the limit every invocation is checked', () => {
  const a = analyze(script(MAX_FINDINGS_PER_DOCUMENT - 1), { languageId: 'shellscript' });
  assert.equal(a.findings.filter((f) => f.code === 'problems-not-checked').length, 0);
  assert.equal(a.findings.filter((f) => f.code === 'unknown-device').length, MAX_FINDINGS_PER_DOCUMENT);
});

test('problems-not-checked: an edit that crosses the limit gives what a full analysis gives', () => {
  // One below the limit; the edit adds a second finding to the first invocation.
  const before = script(MAX_FINDINGS_PER_DOCUMENT - 1);
  const base = analyze(before, { languageId: 'shellscript' });
  const at = before.indexOf('\n');
  const after = before.slice(0, at) + ' -device nope-extra' + before.slice(at);
  const inc = reanalyze(base, after, composeChange(undefined, at, at, ' -device nope-extra'.length), { languageId: 'shellscript' });
  assert.ok(inc, 'the edit stays inside one invocation');
  const full = analyze(after, { languageId: 'shellscript' });
  assert.equal(full.findings.filter((f) => f.code === 'problems-not-checked').length, 1);
  assert.deepEqual(inc.findings, full.findings);
});

test('problems-not-checked: edits in a document past the limit are analysed in full', () => {
  const before = script(MAX_FINDINGS_PER_DOCUMENT + 5);
  const base = analyze(before, { languageId: 'shellscript' });
  const at = before.indexOf('\n');
  const after = before.slice(0, at) + 'x' + before.slice(at);
  assert.equal(reanalyze(base, after, composeChange(undefined, at, at, 1), { languageId: 'shellscript' }), undefined);
});

test('problems-not-checked: the outline lists unchecked commands by name, made without building their VMs', () => {
  const text = script(MAX_FINDINGS_PER_DOCUMENT + 2);
  const a = analyze(text, { languageId: 'shellscript', derive: [OUTLINE] });
  const models = a.models as ShellModels;
  assert.equal(models.checked, MAX_FINDINGS_PER_DOCUMENT);
  // Checked commands' outlines were made during the analysis.
  assert.ok(models.peek(OUTLINE.key, 0));
  assert.equal(models.peek(OUTLINE.key, MAX_FINDINGS_PER_DOCUMENT), undefined);
  const built = models.at.bind(models);
  let builds = 0;
  models.at = (i: number) => (builds++, built(i));
  const origBuild = models.build.bind(models);
  models.build = (i: number) => (builds++, origBuild(i));
  const outline = documentSymbols(a);
  assert.equal(builds, 0, 'no VM built for the outline');
  assert.equal(outline.length, MAX_FINDINGS_PER_DOCUMENT + 3);
  const first = outline[0];
  assert.equal(first.children.length, 1);
  assert.equal(first.children[0].name, 'nope0');
  const unchecked = outline[MAX_FINDINGS_PER_DOCUMENT + 1];
  assert.equal(unchecked.name, 'qemu-system-x86_64');
  assert.equal(unchecked.detail, 'not checked (problem limit reached above)');
  assert.deepEqual(unchecked.children, []);
  const start = text.indexOf(`qemu-system-x86_64 -device nope${MAX_FINDINGS_PER_DOCUMENT + 1}`);
  assert.deepEqual(unchecked.span, { start, end: start + `qemu-system-x86_64 -device nope${MAX_FINDINGS_PER_DOCUMENT + 1}`.length });
  assert.deepEqual(unchecked.selection, { start, end: start + 'qemu-system-x86_64'.length });
});
