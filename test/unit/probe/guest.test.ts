import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCpio, cpioDir, cpioFile, cpioSymlink, moduleNameOf, planModules, PMEM_MODULES } from '../../../server/src/probe/initramfs';
import { explainPersistence, guestMessagesFor, matchGuestDevice, parseGuestReport, predictPersistent } from '../../../server/src/probe/boot';
import { compareKernelVersions, findQemuBinary } from '../../../server/src/probe/env';
import { bzImagePayload } from '../../../server/src/probe/kernel';
import { parseQemuBool, parseQemuSize } from '../../../server/src/probe/size';

// A modules.dep excerpt as Debian's 6.1 kernel has it.
const DEP = `kernel/drivers/acpi/nfit/nfit.ko: kernel/drivers/nvdimm/libnvdimm.ko
kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko
kernel/drivers/virtio/virtio_ring.ko:
kernel/drivers/virtio/virtio_pci_modern_dev.ko:
kernel/drivers/virtio/virtio_pci_legacy_dev.ko:
kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_pci_legacy_dev.ko kernel/drivers/virtio/virtio_pci_modern_dev.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
kernel/drivers/nvdimm/libnvdimm.ko:
kernel/drivers/nvdimm/nd_pmem.ko.xz: kernel/drivers/nvdimm/nd_btt.ko kernel/drivers/nvdimm/libnvdimm.ko
kernel/drivers/nvdimm/nd_btt.ko: kernel/drivers/nvdimm/libnvdimm.ko
kernel/drivers/nvdimm/virtio_pmem.ko: kernel/drivers/nvdimm/nd_virtio.ko kernel/drivers/nvdimm/libnvdimm.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
kernel/drivers/nvdimm/nd_virtio.ko: kernel/drivers/virtio/virtio_ring.ko
`;

test('planModules orders dependencies first and keeps the wanted order otherwise', () => {
  const plan = planModules(DEP, '', PMEM_MODULES);
  assert.deepEqual(plan.load.map(moduleNameOf), [
    'libnvdimm', 'nd_btt', 'nd_pmem', 'nfit', 'virtio_ring', 'virtio', 'virtio_pci_modern_dev', 'virtio_pci_legacy_dev',
    'virtio_pci', 'nd_virtio', 'virtio_pmem',
  ]);
  assert.equal(plan.load[2], 'kernel/drivers/nvdimm/nd_pmem.ko.xz');
  assert.deepEqual(plan.missing, []);
});

test('planModules puts a dependency before its user even when asked in the wrong order', () => {
  const plan = planModules(DEP, '', ['virtio_pmem']);
  assert.deepEqual(plan.load.map(moduleNameOf), ['virtio_ring', 'nd_virtio', 'libnvdimm', 'virtio', 'virtio_pmem']);
});

test('planModules reports built-in and missing modules', () => {
  const plan = planModules('kernel/a.ko:\n', 'kernel/drivers/virtio/virtio.ko\nkernel/drivers/virtio/virtio_ring.ko\n', ['virtio', 'virtio-ring', 'a', 'nfit']);
  assert.deepEqual(plan, { load: ['kernel/a.ko'], builtin: ['virtio', 'virtio_ring'], missing: ['nfit'] });
});

test('buildCpio writes newc headers, 4-byte padding and the trailer', () => {
  const buf = buildCpio([cpioDir('bin'), cpioFile('bin/x', Buffer.from('hello'), 0o755), cpioSymlink('bin/sh', 'x')]);
  const text = buf.toString('latin1');
  assert.equal(buf.length % 4, 0);
  assert.equal(text.slice(0, 6), '070701');
  // Second record: the file, mode 0100755, size 5, name "bin/x\0" (6 bytes).
  const second = text.indexOf('070701', 6);
  const hdr = text.slice(second, second + 110);
  assert.equal(hdr.slice(14, 22), (0o100755).toString(16).padStart(8, '0'));
  assert.equal(hdr.slice(54, 62), '00000005');
  assert.equal(hdr.slice(94, 102), '00000006');
  assert.equal(text.slice(second + 110, second + 116), 'bin/x\0');
  // 110 + 6 = 116 is 4-aligned; data follows directly.
  assert.equal(text.slice(second + 116, second + 121), 'hello');
  assert.ok(text.includes('TRAILER!!!\0'));
  assert.ok(text.includes('bin/sh\0'));
});

const CONSOLE = [
  '[    4.1] random kernel line',
  'klog outside the report is ignored',
  '@@QPMEM-BEGIN cafe',
  'region region0 res=0x110000000 size=268304384',
  'region region1 res=0x100000000 size=268435456',
  'region region2 res=0x11ffe0000 size=134217728',
  'dev pmem0 sectors=524032 ro=1 ns=namespace0.0 nsres=0x110000000 region=region0 write=ro',
  'dev pmem1 sectors=524288 ro=0 ns=namespace1.0 nsres=0x100000000 region=region1 write=ok',
  'klog [    6.18] nd_pmem namespace2.0: [mem 0x11ffe0000-0x127fdffff flags 0x200] misaligned, unable to map',
  'klog [    6.19] nd_pmem namespace0.0: region0 read-only, marking pmem0 read-only',
  '@@QPMEM-END cafe',
  '[    9.6] reboot: Power down',
].join('\r\n');

test('parseGuestReport reads regions, devices and kernel lines between the markers of this nonce', () => {
  const r = parseGuestReport(CONSOLE, 'cafe');
  assert.ok(r);
  assert.deepEqual(r.regions, [
    { name: 'region0', start: 0x110000000, size: 268304384 },
    { name: 'region1', start: 0x100000000, size: 268435456 },
    { name: 'region2', start: 0x11ffe0000, size: 134217728 },
  ]);
  assert.deepEqual(r.pmem[1], {
    name: 'pmem1', sectors: 524288, ro: false, namespace: 'namespace1.0', nsStart: 0x100000000, region: 'region1', write: 'ok',
  });
  assert.equal(r.pmem[0].write, 'ro');
  assert.equal(r.log.length, 2);
  assert.equal(parseGuestReport(CONSOLE, 'beef'), null);
  assert.equal(parseGuestReport(CONSOLE.replace('@@QPMEM-END cafe', ''), 'cafe'), null);
});

test('guest devices are matched by guest-physical address, not by name order', () => {
  const r = parseGuestReport(CONSOLE, 'cafe')!;
  assert.equal(matchGuestDevice(r, 0x100000000, 268435456)?.name, 'pmem1');
  assert.equal(matchGuestDevice(r, 0x110000000, 268304384)?.name, 'pmem0');
  assert.equal(matchGuestDevice(r, 0x11ffe0000, 134217728), null);
  assert.deepEqual(guestMessagesFor(r, 0x11ffe0000, null), [
    '[    6.18] nd_pmem namespace2.0: [mem 0x11ffe0000-0x127fdffff flags 0x200] misaligned, unable to map',
  ]);
  assert.deepEqual(guestMessagesFor(r, 0x110000000, r.pmem[0]), [
    '[    6.19] nd_pmem namespace0.0: region0 read-only, marking pmem0 read-only',
  ]);
});

test('predictPersistent: only share=on file backends that are not directories, ROMs or discarded', () => {
  const base = { qomType: 'memory-backend-file', share: true, discardData: null, readonly: null, memPathIsDirectory: false };
  assert.equal(predictPersistent(base), true);
  assert.equal(predictPersistent({ ...base, share: null }), false);
  assert.equal(predictPersistent({ ...base, share: false }), false);
  assert.equal(predictPersistent({ ...base, discardData: true }), false);
  assert.equal(predictPersistent({ ...base, readonly: true }), false);
  assert.equal(predictPersistent({ ...base, memPathIsDirectory: true }), false);
  assert.equal(predictPersistent({ ...base, qomType: 'memory-backend-memfd' }), false);
  assert.equal(explainPersistence({ ...base, share: null }), 'share=off (the default): guest writes are lost');
  assert.equal(explainPersistence(base), 'share=on: guest writes reach the backing file');
});

test('QEMU size and boolean grammar', () => {
  assert.equal(parseQemuSize('256M'), 268435456);
  assert.equal(parseQemuSize('1.5G'), 1610612736);
  assert.equal(parseQemuSize('0x10000000'), 268435456);
  assert.equal(parseQemuSize('4096'), 4096);
  assert.equal(parseQemuSize('128k'), 131072);
  assert.equal(parseQemuSize('512', 'M'), 536870912);
  assert.equal(parseQemuSize('256MB'), null);
  assert.equal(parseQemuSize('-1'), null);
  assert.equal(parseQemuSize(''), null);
  assert.equal(parseQemuBool('y'), true);
  assert.equal(parseQemuBool('ON'), null);
});

test('kernel versions compare numerically', () => {
  assert.ok(compareKernelVersions('6.1.0-56-amd64', '6.1.0-9-amd64') > 0);
  assert.ok(compareKernelVersions('5.10.0-30-amd64', '6.1.0-1-amd64') < 0);
  assert.equal(compareKernelVersions('6.1.0', '6.1.0'), 0);
});

test('findQemuBinary searches PATH without a shell and checks names with a slash directly', () => {
  assert.equal(findQemuBinary('sh', '/nonexistent:/bin'), '/bin/sh');
  assert.equal(findQemuBinary('no-such-program-qpmem', '/bin:/usr/bin'), null);
  assert.equal(findQemuBinary('/bin/sh', ''), '/bin/sh');
  assert.equal(findQemuBinary('', '/bin'), null);
});

test('bzImagePayload finds the compressed kernel from the setup header', () => {
  const img = Buffer.alloc(0x2000);
  img.write('HdrS', 0x202, 'latin1');
  img.writeUInt16LE(0x20f, 0x206); // boot protocol 2.15
  img[0x1f1] = 3; // setup sectors: protected-mode code at (3+1)*512 = 0x800
  img.writeUInt32LE(0x100, 0x248); // payload offset
  img.writeUInt32LE(0x10, 0x24c); // payload length
  img.write('PAYLOAD-PAYLOAD!', 0x900, 'latin1');
  assert.equal(bzImagePayload(img)?.toString('latin1'), 'PAYLOAD-PAYLOAD!');
  img.writeUInt16LE(0x207, 0x206);
  assert.equal(bzImagePayload(img), null);
  assert.equal(bzImagePayload(Buffer.from('not a kernel')), null);
});
