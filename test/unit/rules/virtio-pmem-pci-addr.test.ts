import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,id=vp1,memdev=m1,addr=⟦0x100000000⟧";
const GOOD = "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,id=vp1,memdev=m1,addr=0x5";

test('virtio-pmem-pci-addr: reported at the exact span', () => {
  expectFindings(BAD, 'virtio-pmem-pci-addr');
});

test('virtio-pmem-pci-addr: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'virtio-pmem-pci-addr');
});

test('virtio-pmem-pci-addr: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'virtio-pmem-pci-addr', "Use memaddr= instead");
  assert.equal(fixed, "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,id=vp1,memdev=m1,memaddr=0x100000000");
});
