/**
 * libvirt findings and QEMU findings together (server/src/engine/libvirt.ts):
 * no double reports on generated arguments, passthrough <qemu:arg>s linted
 * with the generated devices.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../../server/src/engine/analyze';
import { domain, nv, vp } from '../../../libvirt/corpus';

const codes = (xml: string) => analyze(xml, { fileName: 'd.xml' }).findings.map((f) => f.code);

test('persistence hazard is reported once, by the libvirt rule', () => {
  const c = codes(domain({ name: 'x', devices: nv({ attrs: '' }) }));
  assert.ok(c.includes('libvirt-pmem-not-shared'));
  assert.ok(!c.includes('share-off'), c.join(','));
});

test('a refused domain gets no QEMU findings on generated arguments', () => {
  const xml = domain({ name: 'x', devices: nv({ attrs: " access='shared'", targetExtra: ["<label><size unit='KiB'>64</size></label>"] }) });
  const all = codes(xml);
  assert.deepEqual(all.filter((x) => !x.startsWith('libvirt-')), []);
  assert.ok(all.includes('libvirt-label-too-small'));
});

test('passthrough -device nvdimm still needs nvdimm=on on the generated machine', () => {
  const xml = domain({
    name: 'x',
    devices: vp(),
    extra: [
      "  <qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>",
      "    <qemu:arg value='-object'/>",
      "    <qemu:arg value='memory-backend-file,id=pm1,mem-path=/tmp/pm1,size=512M,share=on'/>",
      "    <qemu:arg value='-device'/>",
      "    <qemu:arg value='nvdimm,memdev=pm1,id=nv1,node=0'/>",
      '  </qemu:commandline>',
    ].join('\n'),
  }).replace("<domain type='qemu'>", "<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>");
  const a = analyze(xml, { fileName: 'd.xml' });
  const f = a.findings.find((x) => x.code === 'nvdimm-not-enabled');
  assert.ok(f, a.findings.map((x) => x.code).join(','));
  const at = xml.indexOf('nvdimm,memdev=pm1');
  assert.ok(f.span.start >= at && f.span.end <= at + 'nvdimm,memdev=pm1,id=nv1,node=0'.length, JSON.stringify(f.span));
  assert.equal(f.severity, 'error');
});
