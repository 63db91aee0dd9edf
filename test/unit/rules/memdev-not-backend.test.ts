import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object iothread,id=io1 -device nvdimm,id=nv1,memdev=⟦io1⟧";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1";

test('memdev-not-backend: reported at the exact span', () => {
  expectFindings(BAD, 'memdev-not-backend');
});

test('memdev-not-backend: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'memdev-not-backend');
});
