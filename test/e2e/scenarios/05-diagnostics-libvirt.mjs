// Issue 6 (5): a libvirt domain XML gets its diagnostics too (an nvdimm
// without <maxMemory>; libvirt 9.0.0 refuses it with "cannot use/hotplug a
// memory device when domain 'maxMemory' is not defined").
import assert from 'node:assert/strict';
import { describe, ours } from '../expect.mjs';

export const meta = { title: 'diagnostics of a libvirt domain XML' };

export default async function diagnosticsLibvirt(h) {
  await h.openFile('domain.xml');
  const rows = await h.waitForProblems((r) => ours(r, 'domain.xml').some((x) => /maxMemory/.test(x.message)));
  await h.screenshot('problems-xml');
  const d = ours(rows, 'domain.xml').find((x) => /maxMemory/.test(x.message));
  assert.equal(d.severity, 'error', describe([d]));
  assert.ok(d.code.length > 0 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(d.code), `code should be kebab-case: ${describe([d])}`);
  // It points at the nvdimm <memory> device (or the domain's memory elements), never past the file.
  const lineCount = (await h.editorText()).split('\n').length;
  assert.ok(d.line >= 1 && d.line <= lineCount, describe([d]));
  await h.waitForSquiggles((l) => l.some((s) => s.severity === 'error'));
  await h.screenshot('squiggles-xml');
}
