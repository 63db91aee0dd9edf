import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device ⟦virtio-pmem⟧,memdev=m1";
const GOOD = "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,id=vp1,memdev=m1";

test('virtio-pmem-no-bus: reported at the exact span', () => {
  expectFindings(BAD, 'virtio-pmem-no-bus');
});

test('virtio-pmem-no-bus: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'virtio-pmem-no-bus');
});

test('virtio-pmem-no-bus: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'virtio-pmem-no-bus', "Use virtio-pmem-pci");
  assert.equal(fixed, "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,memdev=m1");
});
