import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=4097 -device ⟦virtio-pmem-pci⟧,id=vp1,memdev=m1";
const GOOD = "qemu-system-x86_64 -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=8K -device virtio-pmem-pci,id=vp1,memdev=m1";

test('backend-size-unaligned: reported at the exact span', () => {
  expectFindings(BAD, 'backend-size-unaligned');
});

test('backend-size-unaligned: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'backend-size-unaligned');
});
