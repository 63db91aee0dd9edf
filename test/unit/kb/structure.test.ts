import { test } from 'node:test';
import assert from 'node:assert/strict';

import type { TypeInfo } from '../../../server/src/engine/kb/types';
import {
  KB_QEMU_VERSION,
  allBackends,
  allDeviceNames,
  allDevices,
  allMachinePropertySets,
  allMachineTypes,
  allObjectTypes,
  availableIn,
  getBackend,
  getDevice,
  getDeviceName,
  getMachineType,
  getObjectType,
  isKnownDevice,
  isKnownObjectType,
  isMemoryDevice,
  machineProperties,
  memoryOption,
  numaOption,
  propertyOf,
  resolveMachineType,
  versionAtLeast,
} from '../../../server/src/engine/kb/index';
import { NUMA_OPTIONS } from '../../../server/src/engine/kb/memory';

function allTypeInfos(): TypeInfo[] {
  return [...allDevices(), ...allBackends(), ...allMachinePropertySets(), memoryOption(), ...Object.values(NUMA_OPTIONS)];
}

const VERSION_RE = /^\d+\.\d+(\.\d+)?$/;

test('every type and property has a doc, valid since, and consistent enum/link data', () => {
  for (const t of allTypeInfos()) {
    assert.ok(t.doc.trim().length > 0, `${t.name}: empty doc`);
    if (t.since !== undefined) assert.match(t.since, VERSION_RE, `${t.name}: since`);
    for (const p of t.properties) {
      const where = `${t.name}.${p.name}`;
      assert.ok(p.doc.trim().length > 0, `${where}: empty doc`);
      if (p.since !== undefined) assert.match(p.since, VERSION_RE, `${where}: since`);
      if (p.type === 'enum') {
        assert.ok(p.values !== undefined && p.values.length > 0, `${where}: enum without values`);
        assert.equal(new Set(p.values).size, p.values.length, `${where}: duplicate enum values`);
      } else {
        assert.equal(p.values, undefined, `${where}: values on a non-enum`);
      }
      if (p.type === 'link') assert.equal(p.link, 'memory-backend', `${where}: link target`);
      else assert.equal(p.link, undefined, `${where}: link on a non-link`);
      if (p.readOnly) assert.notEqual(p.required, true, `${where}: required and read-only`);
    }
  }
});

test('no duplicate property names within a type', () => {
  for (const t of allTypeInfos()) {
    const names = t.properties.map((p) => p.name);
    const dups = names.filter((n, i) => names.indexOf(n) !== i);
    assert.deepEqual(dups, [], `${t.name}: duplicates`);
  }
});

test('no duplicate names across devices, backends, machines, device and object lists', () => {
  const check = (what: string, names: readonly string[]): void => {
    const dups = names.filter((n, i) => names.indexOf(n) !== i);
    assert.deepEqual(dups, [], `${what}: duplicates`);
  };
  check('devices', allDevices().map((d) => d.name));
  check('backends', allBackends().map((d) => d.name));
  check('machine types', allMachineTypes().map((m) => m.name));
  check('machine property sets', allMachinePropertySets().map((m) => m.name));
  check('device names', allDeviceNames().map((d) => d.name));
  check('object types', allObjectTypes().map((o) => o.name));
});

test('machine aliases resolve to a versioned type of the same family and target', () => {
  const aliases = allMachineTypes().filter((m) => m.aliasOf !== undefined);
  assert.deepEqual(
    aliases.map((m) => `${m.name}->${m.aliasOf ?? ''}`).sort(),
    ['pc->pc-i440fx-7.2', 'pseries->pseries-7.2', 'q35->pc-q35-7.2', 'virt->virt-7.2'],
  );
  for (const a of aliases) {
    const target = getMachineType(a.aliasOf ?? '');
    assert.ok(target, `${a.name}: alias target missing`);
    assert.equal(target.family, a.family);
    assert.equal(target.target, a.target);
    assert.equal(target.aliasOf, undefined);
    assert.equal(target.nvdimmProperty, a.nvdimmProperty);
    assert.equal(target.deviceMemory, a.deviceMemory);
  }
  assert.equal(resolveMachineType('q35')?.name, 'pc-q35-7.2');
  assert.equal(resolveMachineType('pc-i440fx-6.0')?.name, 'pc-i440fx-6.0');
  assert.equal(resolveMachineType('nope'), undefined);
});

test('machine type lookups: families, unknown versions, nvdimm and device-memory flags', () => {
  assert.equal(getMachineType('pc-i440fx-7.2')?.family, 'pc');
  assert.equal(getMachineType('pc-q35-4.0.1')?.family, 'q35');
  assert.equal(getMachineType('pc-i440fx-8.0'), undefined);
  assert.equal(getMachineType('pc-q35-2.3'), undefined);
  assert.equal(getMachineType('PC'), undefined);
  assert.equal(getMachineType('xenfv'), undefined);
  const flags = (n: string): string => {
    const m = getMachineType(n);
    return m ? `${m.nvdimmProperty ? 'N' : '-'}${m.deviceMemory ? 'D' : '-'}` : 'undefined';
  };
  assert.equal(flags('pc'), 'ND');
  assert.equal(flags('pc-i440fx-2.1'), 'ND');
  assert.equal(flags('pc-i440fx-2.0'), 'N-');
  assert.equal(flags('pc-i440fx-1.4'), 'N-');
  assert.equal(flags('pc-q35-2.4'), 'ND');
  assert.equal(flags('isapc'), 'N-');
  assert.equal(flags('microvm'), '--');
  assert.equal(flags('none'), '--');
  assert.equal(flags('x-remote'), '--');
  assert.equal(flags('virt'), 'ND');
  assert.equal(flags('virt-4.2'), 'ND');
  assert.equal(flags('virt-4.1'), 'N-');
  assert.equal(flags('pseries'), 'ND');
  assert.equal(flags('pseries-5.0'), 'ND');
  assert.equal(flags('pseries-4.2'), '-D');
  assert.equal(flags('pseries-2.12-sxxm'), '-D');
  assert.equal(flags('pseries-2.4'), '--');
  assert.equal(getMachineType('virt-7.0')?.target, 'aarch64');
  assert.equal(getMachineType('pseries-6.2')?.target, 'ppc64');
  assert.equal(allMachineTypes('x86_64').length, 61);
});

test('machineProperties picks the property set by family and version', () => {
  const has = (m: string, key: string): boolean | undefined => {
    const t = machineProperties(m);
    return t === undefined ? undefined : propertyOf(t, key) !== undefined;
  };
  assert.equal(machineProperties('pc-i440fx-5.0')?.name, 'pc');
  assert.equal(machineProperties('q35')?.name, 'q35');
  assert.equal(machineProperties('nope'), undefined);
  assert.equal(has('pc', 'nvdimm'), true);
  assert.equal(has('pc', 'nvdimm-persistence'), true);
  assert.equal(has('q35', 'pflash0'), true);
  assert.equal(has('isapc', 'nvdimm'), true);
  assert.equal(has('isapc', 'pflash0'), false);
  assert.equal(has('microvm', 'nvdimm'), false);
  assert.equal(has('microvm', 'pcie'), true);
  assert.equal(has('none', 'acpi'), false);
  assert.equal(has('none', 'accel'), true);
  assert.equal(has('pseries-5.0', 'nvdimm'), true);
  assert.equal(has('pseries-4.2', 'nvdimm'), false);
  assert.equal(has('virt-4.0', 'nvdimm'), true);
  const pc = machineProperties('pc');
  assert.ok(pc);
  assert.equal(pc.complete, true);
  assert.equal(machineProperties('virt')?.complete, false);
  assert.deepEqual(propertyOf(pc, 'nvdimm-persistence')?.values, ['cpu', 'mem-ctrl']);
  assert.equal(propertyOf(pc, 'nvdimm')?.default, 'off');
  assert.equal(propertyOf(pc, 'nvdimm')?.since, '2.6');
  assert.equal(propertyOf(pc, 'memory.size')?.type, 'size');
  assert.equal(propertyOf(pc, 'sgx-epc.0.memdev')?.name, 'sgx-epc');
  assert.equal(propertyOf(pc, 'cxl-fmw.1.targets.0')?.name, 'cxl-fmw');
  assert.equal(propertyOf(pc, 'memory.maxmem'), undefined);
  assert.equal(propertyOf(pc, 'smp.0.cpus'), undefined);
  assert.equal(propertyOf(pc, 'device-memory-region-size')?.readOnly, true);
  assert.equal(propertyOf(machineProperties('pseries') ?? pc, 'nvdimm')?.default, 'on');
});

test('devices: lookups and the key facts', () => {
  const nv = getDevice('nvdimm');
  assert.ok(nv);
  assert.equal(nv.complete, true);
  assert.equal(propertyOf(nv, 'memdev')?.required, true);
  assert.equal(propertyOf(nv, 'memdev')?.link, 'memory-backend');
  assert.equal(propertyOf(nv, 'size')?.readOnly, true);
  assert.equal(propertyOf(nv, 'slot')?.default, '-1 (auto)');
  assert.equal(propertyOf(nv, 'label-size')?.since, '2.7');
  assert.equal(propertyOf(nv, 'unarmed')?.default, 'off');
  assert.equal(propertyOf(nv, 'uuid')?.type, 'uuid');
  assert.equal(propertyOf(nv, 'addr')?.type, 'uint');
  assert.equal(propertyOf(nv, 'memaddr'), undefined);
  const vp = getDevice('virtio-pmem-pci');
  assert.ok(vp);
  assert.equal(propertyOf(vp, 'addr')?.type, 'pci-addr');
  assert.equal(propertyOf(vp, 'memaddr')?.type, 'uint');
  assert.equal(propertyOf(vp, 'label-size'), undefined);
  assert.equal(propertyOf(vp, 'packed')?.advanced, true);
  assert.deepEqual(vp.targets, ['x86_64']);
  assert.equal(getDevice('virtio-pmem')?.complete, false);
  assert.deepEqual(getDevice('spapr-nvdimm')?.targets, ['ppc64']);
  assert.equal(propertyOf(getDevice('spapr-nvdimm') ?? nv, 'pmem-override')?.default, 'off');
  assert.equal(getDevice('nvdimmm'), undefined);
  assert.equal(getDevice('virtio-blk'), undefined);
});

test('device-name list: known/unknown devices, aliases and targets', () => {
  assert.equal(isKnownDevice('nvdimm'), true);
  assert.equal(isKnownDevice('nvdimmm'), false);
  assert.equal(isKnownDevice('virtio-blk'), true); // alias of virtio-blk-pci
  assert.equal(getDeviceName('virtio-blk')?.name, 'virtio-blk-pci');
  assert.equal(isKnownDevice('spapr-nvdimm'), false);
  assert.equal(isKnownDevice('spapr-nvdimm', 'ppc64'), true);
  assert.equal(isKnownDevice('virtio-pmem-pci', 'aarch64'), false);
  assert.equal(isKnownDevice('nvdimm', 'aarch64'), true);
  assert.equal(isKnownDevice('e1000', 'aarch64'), undefined);
  assert.equal(getDeviceName('nvdimm', 'ppc64'), undefined);
  assert.equal(isMemoryDevice('nvdimm'), true);
  assert.equal(isMemoryDevice('virtio-pmem-pci'), true);
  assert.equal(isMemoryDevice('pc-dimm'), true);
  assert.equal(isMemoryDevice('virtio-blk-pci'), false);
  assert.equal(isMemoryDevice('spapr-nvdimm'), true);
  assert.deepEqual(
    allDeviceNames().filter((d) => d.memoryDevice).map((d) => d.name).sort(),
    ['nvdimm', 'pc-dimm', 'virtio-mem', 'virtio-mem-pci', 'virtio-pmem', 'virtio-pmem-pci'],
  );
  // Every detailed x86 device is in the x86 list, and vice versa for memory devices.
  for (const d of allDevices()) {
    if (d.targets === undefined || d.targets.includes('x86_64')) assert.ok(isKnownDevice(d.name), d.name);
  }
});

test('backends: required keys, share defaults, master-only properties', () => {
  const file = getBackend('memory-backend-file');
  const ram = getBackend('memory-backend-ram');
  const memfd = getBackend('memory-backend-memfd');
  assert.ok(file && ram && memfd);
  assert.deepEqual(
    file.properties.filter((p) => p.required).map((p) => p.name),
    ['qom-type', 'id', 'size', 'mem-path'],
  );
  assert.deepEqual(
    ram.properties.filter((p) => p.required).map((p) => p.name),
    ['qom-type', 'id', 'size'],
  );
  assert.equal(propertyOf(file, 'share')?.default, 'off');
  assert.equal(propertyOf(ram, 'share')?.default, 'off');
  assert.equal(propertyOf(memfd, 'share')?.default, 'on');
  assert.deepEqual(propertyOf(file, 'policy')?.values, ['default', 'preferred', 'bind', 'interleave']);
  assert.equal(propertyOf(file, 'offset')?.since, '8.1');
  assert.deepEqual(propertyOf(file, 'rom')?.values, ['on', 'off', 'auto']);
  assert.equal(propertyOf(file, 'rom')?.since, '8.2');
  const offset = propertyOf(file, 'offset');
  assert.ok(offset);
  assert.equal(availableIn(offset, '7.2'), false);
  assert.equal(availableIn(offset, '8.1'), true);
  assert.equal(availableIn(offset), false, `KB version is ${KB_QEMU_VERSION}`);
  assert.equal(propertyOf(file, 'pmem')?.since, '3.1');
  assert.ok(propertyOf(file, 'pmem')?.note);
  assert.equal(propertyOf(ram, 'mem-path'), undefined);
  assert.equal(propertyOf(ram, 'pmem'), undefined);
  assert.equal(propertyOf(memfd, 'seal')?.default, 'on');
  assert.equal(getBackend('memory-backend-epc')?.since, '6.2');
  assert.equal(getBackend('iothread'), undefined);
  assert.match(propertyOf(file, 'share')?.doc ?? '', /never reach the backing file/);
  assert.match(propertyOf(file, 'align')?.doc ?? '', /power of two/);
  assert.match(propertyOf(file, 'readonly')?.doc ?? '', /ROM/);
});

test('object-type list', () => {
  assert.equal(isKnownObjectType('memory-backend-file'), true);
  assert.equal(isKnownObjectType('memory-backend-files'), false);
  assert.equal(isKnownObjectType('memory-backend-epc'), false); // not built into Debian's 7.2
  assert.equal(getObjectType('memory-backend-memfd')?.memoryBackend, true);
  assert.equal(getObjectType('iothread')?.memoryBackend, undefined);
  assert.deepEqual(
    allObjectTypes().filter((o) => o.memoryBackend).map((o) => o.name),
    ['memory-backend-file', 'memory-backend-memfd', 'memory-backend-ram'],
  );
});

test('-m and -numa options', () => {
  const m = memoryOption();
  assert.deepEqual(m.properties.map((p) => p.name), ['size', 'slots', 'maxmem']);
  assert.match(propertyOf(m, 'size')?.doc ?? '', /MiB/);
  assert.match(propertyOf(m, 'maxmem')?.doc ?? '', /bytes/);
  assert.match(propertyOf(m, 'slots')?.doc ?? '', /256/);
  const node = numaOption();
  assert.ok(node);
  assert.deepEqual(node.properties.map((p) => p.name), ['type', 'nodeid', 'cpus', 'memdev', 'mem', 'initiator']);
  assert.equal(propertyOf(node, 'memdev')?.link, 'memory-backend');
  assert.equal(numaOption('dist')?.properties.length, 4);
  assert.equal(numaOption('hmat-cache')?.name, 'numa-hmat-cache');
  assert.equal(numaOption('bogus'), undefined);
  assert.equal(numaOption('toString'), undefined);
});

test('versionAtLeast', () => {
  assert.equal(versionAtLeast('7.2', '7.2'), true);
  assert.equal(versionAtLeast('7.2.22', '7.2'), true);
  assert.equal(versionAtLeast('7.2', '7.2.1'), false);
  assert.equal(versionAtLeast('7.2', '8.1'), false);
  assert.equal(versionAtLeast('10.0', '9.2'), true);
  assert.equal(versionAtLeast('2.12', '2.9'), true);
  assert.equal(versionAtLeast('2.9', '2.12'), false);
  assert.equal(versionAtLeast('v8.2.0', '8.2'), true);
  assert.equal(versionAtLeast('', '1.0'), false);
  assert.equal(versionAtLeast('7.2', 'x'), false);
});
