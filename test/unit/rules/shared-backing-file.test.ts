import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1 -object memory-backend-file,id=m2,share=on,mem-path=⟦/p/./a.img⟧,size=1G -device nvdimm,id=nv2,memdev=m2";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1 -object memory-backend-file,id=m2,share=on,mem-path=/p/b.img,size=1G -device nvdimm,id=nv2,memdev=m2";

test('shared-backing-file: reported at the exact span', () => {
  expectFindings(BAD, 'shared-backing-file');
});

test('shared-backing-file: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'shared-backing-file');
});
