import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device ⟦virtio-pmem-pci⟧,id=vp1,memdev=m1";
const GOOD = "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,id=vp1,memdev=m1";

test('maxmem-missing: reported at the exact span', () => {
  expectFindings(BAD, 'maxmem-missing');
});

test('maxmem-missing: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'maxmem-missing');
});

test('maxmem-missing: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'maxmem-missing', "Add maxmem=2G to -m");
  assert.equal(fixed, "qemu-system-x86_64 -m 1G,maxmem=2G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,id=vp1,memdev=m1");
});
