/**
 * Quick fixes keep the document's layout: new elements go on their own line
 * with their siblings' indentation, removed elements take their line along.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLibvirtDomain } from '../../../../server/src/engine/xml/domain';
import { runLibvirtRules } from '../../../../server/src/engine/libvirt-rules';
import { applyEdits } from '../../../../server/src/engine/features/code-actions';

function fixOnce(xml: string, code: string, index = 0): string {
  const { domain } = parseLibvirtDomain(xml);
  const f = runLibvirtRules(domain!, xml, { qemuVersion: '7.2' }).find((x) => x.code === code);
  assert.ok(f, `no ${code}`);
  const fix = f.fixes?.[index];
  assert.ok(fix, `${code} has no fix ${index}`);
  return applyEdits(xml, fix.edits);
}

const NV = `    <memory model='nvdimm' access='shared'>
      <source>
        <path>/tmp/nv</path>
      </source>
      <target>
        <size unit='KiB'>524288</size>
        <node>0</node>
      </target>
    </memory>`;

function dom(parts: { head?: string; features?: string; cpu?: string; devices?: string }): string {
  return `<domain type='qemu'>
  <name>t</name>
${parts.head ?? "  <maxMemory slots='16' unit='GiB'>16</maxMemory>\n  <memory unit='KiB'>1572864</memory>"}
  <vcpu>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
${parts.features ?? '  <features>\n    <acpi/>\n  </features>'}
${parts.cpu ?? "  <cpu>\n    <numa>\n      <cell id='0' cpus='0-1' memory='1048576' unit='KiB'/>\n    </numa>\n  </cpu>"}
  <devices>
${parts.devices ?? NV}
  </devices>
</domain>
`;
}

test('maxmemory-required: adds <maxMemory> on its own line before <memory>', () => {
  const xml = dom({ head: "  <memory unit='KiB'>1572864</memory>" });
  const out = fixOnce(xml, 'libvirt-maxmemory-required');
  assert.ok(out.includes("  <name>t</name>\n  <maxMemory slots='16' unit='GiB'>2</maxMemory>\n  <memory unit='KiB'>1572864</memory>\n"), out);
});

test('numa-required: adds a <cpu><numa> block after <features>', () => {
  const xml = dom({ cpu: '', devices: '' }).replace('\n\n', '\n');
  const out = fixOnce(xml, 'libvirt-numa-required');
  assert.ok(
    out.includes("  </features>\n  <cpu>\n    <numa>\n      <cell id='0' cpus='0-1' memory='1572864' unit='KiB'/>\n    </numa>\n  </cpu>\n  <devices>"),
    out,
  );
});

test('numa-required: a NUMA cell holds the boot memory (total minus devices)', () => {
  const xml = dom({ cpu: '  <cpu>\n    <numa>\n    </numa>\n  </cpu>' });
  const out = fixOnce(xml, 'libvirt-numa-required');
  assert.ok(out.includes("    <numa>\n      <cell id='0' cpus='0-1' memory='1048576' unit='KiB'/>\n    </numa>"), out);
});

test('memory-node-required: adds <node>0</node> after <size>', () => {
  const xml = dom({ devices: NV.replace("        <node>0</node>\n", '') });
  const out = fixOnce(xml, 'libvirt-memory-node-required');
  assert.equal(out, dom({}));
});

test('nvdimm-no-acpi: adds <features><acpi/></features> after </os>', () => {
  const xml = dom({ features: '' }).replace('\n\n', '\n');
  const out = fixOnce(xml, 'libvirt-nvdimm-no-acpi');
  assert.equal(out, dom({}));
});

test('nvdimm-no-acpi: adds <acpi/> into a self-closing <features/>', () => {
  const xml = dom({ features: '  <features/>' });
  const out = fixOnce(xml, 'libvirt-nvdimm-no-acpi');
  assert.equal(out, dom({}));
});

test('ignored-element: removal takes the whole line', () => {
  const vp = NV.replace("'nvdimm' access='shared'", "'virtio-pmem'").replace("        <node>0</node>\n", '');
  const xml = dom({ devices: vp.replace('        <path>/tmp/nv</path>\n', '        <path>/tmp/nv</path>\n        <pmem/>\n') });
  assert.equal(fixOnce(xml, 'libvirt-ignored-element'), dom({ devices: vp }));
});

test('pmem-not-shared: adds access=\'shared\' after the model', () => {
  const xml = dom({ devices: NV.replace(" access='shared'", '') });
  assert.equal(fixOnce(xml, 'libvirt-pmem-not-shared'), dom({}));
});

test('nvdimm-pci-address: the PCI address becomes a free dimm slot', () => {
  const withAddr = (a: string) => NV.replace('    </memory>', `      ${a}\n    </memory>`);
  const xml = dom({ devices: withAddr("<address type='pci' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/>") });
  assert.equal(fixOnce(xml, 'libvirt-nvdimm-pci-address'), dom({ devices: withAddr("<address type='dimm' slot='0'/>") }));
});

test('label-too-small: raises the label to 128 KiB, unit included', () => {
  const lab = (n: string, u: string) => NV.replace('        <node>0</node>\n', `        <node>0</node>\n        <label>\n          <size unit='${u}'>${n}</size>\n        </label>\n`);
  assert.equal(fixOnce(dom({ devices: lab('65536', 'b') }), 'libvirt-label-too-small'), dom({ devices: lab('128', 'KiB') }));
});

test('nvdimm-label-required (ppc64): adds a <label> block inside <target>', () => {
  const xml = dom({ cpu: '', features: '' }).replace("arch='x86_64' machine='pc'", "arch='ppc64' machine='pseries'").replace('        <node>0</node>\n', '');
  const out = fixOnce(xml, 'libvirt-nvdimm-label-required');
  assert.ok(out.includes("        <size unit='KiB'>524288</size>\n        <label>\n          <size unit='KiB'>128</size>\n        </label>\n      </target>"), out);
});

test('maxmemory-too-small: raises <maxMemory> to whole GiB covering the total', () => {
  const xml = dom({ head: "  <maxMemory slots='16' unit='KiB'>1048576</maxMemory>\n  <memory unit='KiB'>1572864</memory>" });
  assert.ok(fixOnce(xml, 'libvirt-maxmemory-too-small').includes("<maxMemory slots='16' unit='GiB'>2</maxMemory>"));
});
