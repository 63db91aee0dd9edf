import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1G,maxmem=1536M -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device ⟦virtio-pmem-pci⟧,id=vp1,memdev=m1";
const GOOD = "qemu-system-x86_64 -m 1G,maxmem=2G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,id=vp1,memdev=m1";

test('maxmem-too-small: reported at the exact span', () => {
  expectFindings(BAD, 'maxmem-too-small');
});

test('maxmem-too-small: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'maxmem-too-small');
});

test('maxmem-too-small: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'maxmem-too-small', "Raise maxmem to 2G");
  assert.equal(fixed, "qemu-system-x86_64 -m 1G,maxmem=2G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,id=vp1,memdev=m1");
});
