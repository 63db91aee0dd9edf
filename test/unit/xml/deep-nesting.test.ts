/**
 * Deeply nested libvirt XML (issue: hostile input never crashes or misleads).
 * @xml-tools/parser recurses per element level and runs out of stack at about
 * a thousand levels. A well-formed domain of any depth is read by the direct
 * reader and checked as usual; a malformed one that the CST path cannot read
 * gets one `xml-not-checked` information finding instead of silence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXmlDocument, parseXmlDocumentCst } from '../../../server/src/engine/xml/parse';
import { analyze } from '../../../server/src/engine/analyze';
import { hover } from '../../../server/src/engine/features/hover';
import { complete } from '../../../server/src/engine/features/completion';
import { documentSymbols } from '../../../server/src/engine/features/symbols';

/** A domain with one NVDIMM (no <features><acpi/>: one libvirt finding) after <metadata> nested `depth` deep. */
function deepDomain(depth: number, { broken = false } = {}): string {
  const nest = `<n:x xmlns:n="urn:x">${'<n:x>'.repeat(depth - 1)}deep${'</n:x>'.repeat(broken ? depth - 1 : depth)}`;
  return [
    `<domain type='kvm'>`,
    `  <name>deep</name>`,
    `  <maxMemory slots='4' unit='GiB'>64</maxMemory>`,
    `  <memory unit='GiB'>4</memory>`,
    `  <metadata>${nest}</metadata>`,
    `  <cpu><numa><cell id='0' cpus='0-3' memory='4' unit='GiB'/></numa></cpu>`,
    `  <devices>`,
    `    <memory model='nvdimm' access='shared'>`,
    `      <source><path>/var/lib/libvirt/pmem/deep.img</path></source>`,
    `      <target><size unit='GiB'>2</size><node>0</node></target>`,
    `    </memory>`,
    `  </devices>`,
    `</domain>`,
    '',
  ].join('\n');
}

const codes = (text: string) => analyze(text, { languageId: 'xml', fileName: '/tmp/deep.xml', host: undefined }).findings.map((f) => f.code);

test('a well-formed domain nested 100,000 deep is read and checked like a flat one', () => {
  const flat = codes(deepDomain(1));
  assert.ok(flat.includes('libvirt-nvdimm-no-acpi'), `flat findings: ${flat}`);
  for (const depth of [300, 5_000, 100_000]) {
    const text = deepDomain(depth);
    const doc = parseXmlDocument(text);
    assert.deepEqual(doc.errors, [], `depth ${depth}`);
    assert.equal(doc.root?.name, 'domain');
    assert.deepEqual(codes(text), flat, `depth ${depth}`);
  }
});

test('features answer inside and around the deep nesting', () => {
  const text = deepDomain(20_000);
  const a = analyze(text, { languageId: 'xml', fileName: '/tmp/deep.xml' });
  const inside = text.indexOf('deep</n:x>');
  const onSize = text.indexOf("<size unit='GiB'>") + 2;
  for (const offset of [inside, onSize, text.indexOf('<n:x>') + 2]) {
    assert.doesNotThrow(() => hover(a, offset));
    assert.doesNotThrow(() => complete(a, offset));
  }
  assert.ok(hover(a, onSize), 'hover on <size> in the device after the nesting');
  assert.ok(documentSymbols(a).length > 0);
});

test('a malformed domain too deep for the CST path: one xml-not-checked finding, never silence, never a throw', () => {
  const text = deepDomain(20_000, { broken: true });
  const doc = parseXmlDocumentCst(text);
  assert.equal(doc.root, undefined);
  assert.equal(doc.errors.length, 1);
  assert.equal(doc.errors[0].fatal, true);
  assert.match(doc.errors[0].message, /nests elements too deeply/);
  const a = analyze(text, { languageId: 'xml', fileName: '/tmp/deep.xml' });
  assert.deepEqual(
    a.findings.map((f) => [f.code, f.severity]),
    [['xml-not-checked', 'information']],
  );
  const f = a.findings[0];
  assert.equal(text.slice(f.span.start, f.span.end), '<domain');
  assert.match(f.message, /nothing in it was checked/);
});

test('a malformed domain of ordinary depth is still read with recovery (no xml-not-checked)', () => {
  const text = deepDomain(50, { broken: true });
  const a = analyze(text, { languageId: 'xml', fileName: '/tmp/deep.xml' });
  assert.ok(!a.findings.some((f) => f.code === 'xml-not-checked'), a.findings.map((f) => f.code).join());
  assert.ok(a.libvirt?.domain, 'recovered domain');
});
