/** completeLibvirt / hoverLibvirt: pure functions of the analysis and an offset. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../../server/src/engine/analyze';
import { completeLibvirt } from '../../../../server/src/engine/features/libvirt-completion';
import { hoverLibvirt } from '../../../../server/src/engine/features/libvirt-hover';
import { domain, nv, vp } from '../../../libvirt/corpus';

/** Analysis of `xml` with the cursor at '|' (removed). */
function at(xmlWithCursor: string) {
  const offset = xmlWithCursor.indexOf('|');
  const xml = xmlWithCursor.slice(0, offset) + xmlWithCursor.slice(offset + 1);
  return { a: analyze(xml, { fileName: 'd.xml' }), offset, xml };
}
const labels = (xml: string) => {
  const { a, offset } = at(xml);
  return completeLibvirt(a, offset).map((e) => e.label);
};

test('model values inside <memory model=...>', () => {
  const xml = domain({ name: 'x', devices: nv({ attrs: " access='shared'" }).replace("model='nvdimm'", "model='nv|dimm'") });
  const { a, offset } = at(xml);
  const items = completeLibvirt(a, offset);
  assert.deepEqual(items.map((e) => e.label).sort(), ['dimm', 'nvdimm', 'sgx-epc', 'virtio-mem', 'virtio-pmem']);
  const nvItem = items.find((e) => e.label === 'nvdimm')!;
  // Replaces the whole value, quotes excluded.
  const start = xml.indexOf("model='nv|dimm'") + "model='".length;
  assert.deepEqual(nvItem.replace, { start, end: start + 'nvdimm'.length });
  assert.equal(nvItem.kind, 'value');
  assert.ok(nvItem.sortText! < items.find((e) => e.label === 'dimm')!.sortText!);
});

test('access values; virtio-pmem only offers shared', () => {
  assert.deepEqual(labels(domain({ name: 'x', devices: nv().replace("model='nvdimm'", "model='nvdimm' access='|'") })).sort(), ['private', 'shared']);
  assert.deepEqual(labels(domain({ name: 'x', devices: vp().replace("model='virtio-pmem'", "model='virtio-pmem' access='|'") })), ['shared']);
});

test('attributes of a device <memory>, without those present', () => {
  const xml = domain({ name: 'x', devices: nv({ attrs: '' }).replace("<memory model='nvdimm'>", "<memory model='nvdimm' |>") });
  assert.deepEqual(labels(xml).sort(), ['access', 'discard']);
  assert.deepEqual(labels(domain({ name: 'x', devices: nv().replace("access='shared'>", "access='shared' |>") })), ['discard']);
  const { a, offset } = at(xml);
  const e = completeLibvirt(a, offset)[0];
  assert.equal(e.insertText, `${e.label}='`);
  assert.deepEqual(e.replace, { start: offset, end: offset });
  assert.equal(e.retrigger, true);
});

test('attributes of <maxMemory> and units', () => {
  const xml = domain({ name: 'x', devices: nv(), maxMemory: "  <maxMemory |>16</maxMemory>" });
  assert.deepEqual(labels(xml).sort(), ['slots', 'unit']);
  const units = labels(domain({ name: 'x', devices: nv({ size: '512' }).replace("<size unit='KiB'>", "<size unit='M|'>") }));
  assert.deepEqual(units.slice().sort(), ['GB', 'GiB', 'KB', 'KiB', 'MB', 'MiB', 'TiB', 'b']);
});

test('elements inside <source> and <target>: what the model ignores is marked', () => {
  const xml = domain({ name: 'x', devices: vp().replace('<path>/tmp/virtio_pmem</path>', '<path>/tmp/vp</path>\n          <|') });
  const { a, offset } = at(xml);
  const items = completeLibvirt(a, offset);
  assert.deepEqual(items.map((e) => e.label).sort(), ['alignsize', 'nodemask', 'pagesize', 'path', 'pmem']);
  assert.equal(items.find((e) => e.label === 'pmem')!.deprecated, true);
  assert.equal(items.find((e) => e.label === 'path')!.deprecated, undefined);
  const t = labels(domain({ name: 'x', devices: nv().replace('<node>0</node>', '<node>0</node>\n          <la|') }));
  assert.deepEqual(t, ['label']);
});

test('address type follows the model; NUMA cell attributes; memoryBacking access mode', () => {
  assert.deepEqual(labels(domain({ name: 'x', devices: nv({ address: "<address type='|'/>" }) })), ['dimm']);
  assert.deepEqual(labels(domain({ name: 'x', devices: vp({ address: "<address type='|'/>" }) })), ['pci']);
  const cell = labels(domain({ name: 'x', cpu: "  <cpu>\n    <numa>\n      <cell id='0' |/>\n    </numa>\n  </cpu>" }));
  assert.deepEqual(cell.sort(), ['cpus', 'discard', 'memAccess', 'memory', 'unit']);
  const mb = labels(domain({ name: 'x', memoryBacking: "  <memoryBacking>\n    <access mode='|'/>\n  </memoryBacking>" }));
  assert.deepEqual(mb, ['shared', 'private']);
});

test('nothing outside tags or in unrelated elements', () => {
  assert.deepEqual(labels(domain({ name: 'x|' })), []);
  assert.deepEqual(labels(domain({ name: 'x', extra: "  <clock offset='|'/>" })), []);
});

test('hover: device size shows bytes and what QEMU gets', () => {
  const { a, xml } = at(domain({ name: 'x', devices: nv({ size: '523264' }) }));
  const off = xml.indexOf('523264') + 2;
  const h = hoverLibvirt(a, off)!;
  assert.deepEqual(h.span, { start: xml.indexOf('523264'), end: xml.indexOf('523264') + 6 });
  assert.match(h.markdown, /= 535822336 bytes, 511 MiB/);
  assert.match(h.markdown, /QEMU gets `size=536870912` \(512 MiB\), after libvirt's alignment/);
});

test('hover: access attribute explains the inheritance chain', () => {
  const xml = domain({
    name: 'x',
    devices: nv({ attrs: '' }),
    cpu: "  <cpu>\n    <numa>\n      <cell id='0' cpus='0-1' memory='1048576' unit='KiB' memAccess='private'/>\n    </numa>\n  </cpu>",
  });
  const { a } = at(xml);
  const h = hoverLibvirt(a, xml.indexOf('<path>') + 7)!;
  assert.match(h.markdown, /Effective access: \*\*private\*\*, from its NUMA cell's `memAccess`/);
  assert.match(h.markdown, /share=false/);
  const v = hoverLibvirt(a, xml.indexOf("'private'") + 2)!;
  assert.match(v.markdown, /^\*\*private\*\*/);
});

test('hover: element and attribute docs; device <memory> tag left to hover.ts', () => {
  const xml = domain({ name: 'x', devices: nv() });
  const { a } = at(xml);
  const mm = hoverLibvirt(a, xml.indexOf('<maxMemory') + 3)!;
  assert.match(mm.markdown, /-m size=…,slots=N,maxmem=…/);
  assert.deepEqual(mm.span, { start: xml.indexOf('<maxMemory') + 1, end: xml.indexOf('<maxMemory') + 10 });
  const slots = hoverLibvirt(a, xml.indexOf('slots=') + 1)!;
  assert.match(slots.markdown, /^\*\*slots\*\*/);
  assert.equal(hoverLibvirt(a, xml.indexOf("<memory model='nvdimm'") + 2), undefined);
  const model = hoverLibvirt(a, xml.indexOf("'nvdimm'") + 2)!;
  assert.match(model.markdown, /^\*\*nvdimm\*\*/);
});
