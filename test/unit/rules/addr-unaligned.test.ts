import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,addr=⟦0x100000800⟧";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,addr=0x100000000";

test('addr-unaligned: reported at the exact span', () => {
  expectFindings(BAD, 'addr-unaligned');
});

test('addr-unaligned: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'addr-unaligned');
});
