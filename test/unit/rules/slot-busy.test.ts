import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,slot=0 -object memory-backend-file,id=m2,share=on,mem-path=/p/b.img,size=1G -device nvdimm,id=nv2,memdev=m2,slot=⟦0⟧";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,slot=0 -object memory-backend-file,id=m2,share=on,mem-path=/p/b.img,size=1G -device nvdimm,id=nv2,memdev=m2,slot=1";

test('slot-busy: reported at the exact span', () => {
  expectFindings(BAD, 'slot-busy');
});

test('slot-busy: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'slot-busy');
});
