import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device ⟦nvdimm⟧,id=nv1";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1";

test('memdev-missing: reported at the exact span', () => {
  expectFindings(BAD, 'memdev-missing');
});

test('memdev-missing: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'memdev-missing');
});
