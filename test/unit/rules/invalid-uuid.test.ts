import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,uuid=⟦nope⟧";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,uuid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

test('invalid-uuid: reported at the exact span', () => {
  expectFindings(BAD, 'invalid-uuid');
});

test('invalid-uuid: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'invalid-uuid');
});
