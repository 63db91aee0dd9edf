import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLibvirtDomain, isLibvirtDomain, extractDomain } from '../../../server/src/engine/xml/domain';
import { parseXmlDocument } from '../../../server/src/engine/xml/parse';
import { mapSpan, wholeSpan } from '../../../server/src/engine/mapped';

const XML = `<domain type='kvm' xmlns:qq='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>vm1</name>
  <maxMemory slots='16' unit='GiB'>64</maxMemory>
  <memory unit='KiB' dumpCore='on'>1267710</memory>
  <currentMemory unit='MiB'>1024</currentMemory>
  <memoryBacking>
    <hugepages><page size='2' unit='M' nodeset='0'/></hugepages>
    <nosharepages/>
    <source type='memfd'/>
    <access mode='shared'/>
    <allocation mode='immediate' threads='4'/>
    <discard/>
  </memoryBacking>
  <vcpu current='1'>2</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <features><acpi/></features>
  <cpu><numa>
    <cell id='0' cpus='0-1' memory='1' unit='GiB' memAccess='private' discard='yes'>
      <distances><sibling id='0' value='10'/></distances>
    </cell>
  </numa></cpu>
  <devices>
    <memory model='nvdimm' access='shared' discard='no'>
      <uuid>49545eb3-75e1-2d0a-acdd-f0294406c99e</uuid>
      <source><path>/tmp/a&amp;b</path><alignsize unit='KiB'>2048</alignsize><pmem/></source>
      <target><size unit='KiB'>523264</size><node>0</node><label><size unit='KiB'>128</size></label><readonly/></target>
      <address type='dimm' slot='1' base='0x100000000'/>
      <alias name='ua-nv'/>
    </memory>
    <memory model='virtio-mem'>
      <source><pagesize unit='KiB'>2048</pagesize><nodemask>0-1</nodemask></source>
      <target><size unit='GiB'>1</size><node>0</node><block unit='KiB'>2048</block><requested unit='MiB'>512</requested><current unit='KiB'>0</current><address base='0x140000000'/></target>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x1' multifunction='on'/>
    </memory>
  </devices>
  <qq:commandline>
    <qq:arg value='-device'/>
    <qq:arg value='nvdimm,id=x&#44;y&amp;z'/>
    <qq:env name='A' value='b'/>
  </qq:commandline>
</domain>`;

const at = (s: string, from = 0) => XML.indexOf(s, from);

test('root detection', () => {
  assert.equal(isLibvirtDomain(XML), true);
  assert.equal(isLibvirtDomain(`\uFEFF<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE domain>\n<domain`), true);
  assert.equal(isLibvirtDomain('<domainx/>'), false);
  assert.equal(isLibvirtDomain('<network/>'), false);
  assert.equal(isLibvirtDomain('#!/bin/sh\nqemu-system-x86_64'), false);
  assert.equal(isLibvirtDomain(parseXmlDocument('<domain/>')), true);
  assert.equal(extractDomain(parseXmlDocument('<network/>')), undefined);
});

test('domain, os, memory sizes, vcpu, features', () => {
  const { doc, domain } = parseLibvirtDomain(XML);
  assert.deepEqual(doc.errors, []);
  const d = domain!;
  assert.equal(d.type!.text, 'kvm');
  assert.deepEqual(d.type!.span, { start: at("kvm'"), end: at("kvm'") + 3 });
  assert.equal(d.name!.text, 'vm1');
  assert.equal(d.os!.type!.arch!.text, 'x86_64');
  assert.equal(d.os!.type!.machine!.text, 'pc');
  assert.equal(d.os!.type!.value!.text, 'hvm');
  assert.equal(d.memory!.size.kib, 1267710n);
  assert.equal(d.memory!.size.bytes, 1267710n * 1024n);
  assert.deepEqual(d.memory!.size.number!.span, { start: at('1267710'), end: at('1267710') + 7 });
  assert.equal(d.memory!.dumpCore!.text, 'on');
  assert.equal(d.currentMemory!.size.kib, 1048576n);
  assert.equal(d.maxMemory!.size.kib, 64n * 1024n * 1024n);
  assert.equal(d.maxMemory!.slots!.number, 16n);
  assert.deepEqual(d.maxMemory!.element.span, { start: at('<maxMemory'), end: at('</maxMemory>') + 12 });
  assert.equal(d.vcpu!.count!.number, 2n);
  assert.equal(d.vcpu!.current!.number, 1n);
  assert.ok(d.features!.acpi);
});

test('memoryBacking and NUMA cells', () => {
  const d = parseLibvirtDomain(XML).domain!;
  const mb = d.memoryBacking!;
  assert.equal(mb.hugepages!.pages[0].size.kib, 2048n);
  assert.equal(mb.hugepages!.pages[0].nodeset!.text, '0');
  assert.ok(mb.nosharepages);
  assert.equal(mb.source!.type!.text, 'memfd');
  assert.equal(mb.access!.mode!.text, 'shared');
  assert.equal(mb.allocation!.mode!.text, 'immediate');
  assert.equal(mb.allocation!.threads!.number, 4n);
  assert.ok(mb.discard);
  const c = d.cpu!.numa!.cells[0];
  assert.equal(c.id!.number, 0n);
  assert.deepEqual(c.cpuList, [0, 1]);
  assert.equal(c.memory.kib, 1048576n);
  assert.deepEqual(c.memory.number!.span, { start: at("memory='1'") + 8, end: at("memory='1'") + 9 });
  assert.equal(c.memory.unit!.text, 'GiB');
  assert.equal(c.memAccess!.text, 'private');
  assert.equal(c.discard!.text, 'yes');
  assert.equal(c.distances[0].value!.number, 10n);
});

test('memory devices: every element', () => {
  const d = parseLibvirtDomain(XML).domain!;
  assert.equal(d.memoryDevices.length, 2);
  const nv = d.memoryDevices[0];
  assert.equal(nv.index, 0);
  assert.equal(nv.model!.text, 'nvdimm');
  assert.equal(nv.access!.text, 'shared');
  assert.equal(nv.discard!.text, 'no');
  assert.equal(nv.uuid!.text, '49545eb3-75e1-2d0a-acdd-f0294406c99e');
  assert.equal(nv.source!.path!.text, '/tmp/a&b');
  // '&' maps to the whole '&amp;' reference.
  assert.deepEqual(mapSpan(nv.source!.path!.value, 6, 7), { start: at('&amp;b'), end: at('&amp;b') + 5 });
  assert.deepEqual(nv.source!.path!.span, { start: at('/tmp/a&amp;b'), end: at('/tmp/a&amp;b') + 12 });
  assert.equal(nv.source!.alignsize!.bytes, 2097152n);
  assert.ok(nv.source!.pmem);
  assert.equal(nv.target!.size!.kib, 523264n);
  assert.equal(nv.target!.node!.number, 0n);
  assert.equal(nv.target!.label!.size!.bytes, 131072n);
  assert.ok(nv.target!.readonly);
  assert.equal(nv.address!.type!.text, 'dimm');
  assert.equal(nv.address!.slot!.number, 1n);
  assert.equal(nv.address!.base!.number, 0x100000000n);
  assert.equal(nv.alias!.name!.text, 'ua-nv');
  assert.deepEqual(nv.element.startTagSpan, { start: at("<memory model='nvdimm'"), end: at("discard='no'>") + 13 });

  const vm = d.memoryDevices[1];
  assert.equal(vm.model!.text, 'virtio-mem');
  assert.equal(vm.source!.pagesize!.kib, 2048n);
  assert.equal(vm.source!.nodemask!.text, '0-1');
  assert.equal(vm.target!.size!.kib, 1048576n);
  assert.equal(vm.target!.block!.kib, 2048n);
  assert.equal(vm.target!.requested!.kib, 524288n);
  assert.equal(vm.target!.current!.kib, 0n);
  assert.equal(vm.target!.address!.base!.number, 0x140000000n);
  assert.equal(vm.address!.type!.text, 'pci');
  assert.equal(vm.address!.slot!.number, 7n);
  assert.equal(vm.address!.function!.number, 1n);
  assert.equal(vm.address!.bus!.number, 0n);
  assert.equal(vm.address!.domain!.number, 0n);
  assert.equal(vm.address!.multifunction!.text, 'on');
});

test('qemu:commandline args map through entities into the attribute value (any prefix)', () => {
  const d = parseLibvirtDomain(XML).domain!;
  assert.equal(d.qemuCommandlines.length, 1);
  assert.deepEqual(d.qemuArgs.map((a) => a.value.text), ['-device', 'nvdimm,id=x,y&z']);
  const w = d.qemuArgs[1];
  const vs = at('nvdimm,id=x&#44;');
  assert.deepEqual(w.span, { start: vs, end: at("'/>", vs) });
  assert.deepEqual(wholeSpan(w.value), w.span);
  assert.deepEqual(mapSpan(w.value, 11, 12), { start: at('&#44;'), end: at('&#44;') + 5 });
  assert.deepEqual(mapSpan(w.value, 13, 14), { start: at('&amp;z'), end: at('&amp;z') + 5 });
  assert.equal(d.qemuCommandlines[0].env[0].name!.text, 'A');
});

test('qemu:commandline in another namespace is not libvirt\'s', () => {
  const d = parseLibvirtDomain(`<domain xmlns:qemu='urn:other'><qemu:commandline><qemu:arg value='-m'/></qemu:commandline></domain>`).domain!;
  assert.deepEqual(d.qemuArgs, []);
});

test('scaled value errors point at the number or the unit', () => {
  const t = `<domain><memory unit='KiBx'>1</memory><maxMemory slots='4'>1024 </maxMemory><currentMemory></currentMemory></domain>`;
  const d = parseLibvirtDomain(t).domain!;
  assert.deepEqual(d.memory!.size.error, { message: "invalid argument: unknown suffix 'KiBx'", span: { start: 22, end: 26 } });
  assert.equal(d.memory!.size.kib, undefined);
  assert.deepEqual(d.maxMemory!.size.error, {
    message: "XML error: Invalid value '1024 ' for element or attribute './maxMemory[1]'",
    span: { start: t.indexOf('1024 '), end: t.indexOf('1024 ') + 5 },
  });
  assert.equal(d.currentMemory!.size.number, undefined);
  assert.equal(d.currentMemory!.size.error, undefined);
});

test('half-typed domain still extracts what is there', () => {
  const t = `<domain type='qemu'><devices><memory model='nvdimm'><source><path>/tmp/x</path></source><target><size unit='KiB'>52`;
  const d = parseLibvirtDomain(t).domain!;
  assert.equal(d.memoryDevices.length, 1);
  assert.equal(d.memoryDevices[0].source!.path!.text, '/tmp/x');
  assert.equal(d.memoryDevices[0].target!.size!.kib, 52n);
});
