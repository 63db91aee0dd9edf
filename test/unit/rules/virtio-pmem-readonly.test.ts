import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G,readonly=⟦on⟧ -device virtio-pmem-pci,id=vp1,memdev=m1";
const GOOD = "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,id=vp1,memdev=m1";

test('virtio-pmem-readonly: reported at the exact span', () => {
  expectFindings(BAD, 'virtio-pmem-readonly');
});

test('virtio-pmem-readonly: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'virtio-pmem-readonly');
});
