import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';
import { fakeHost } from './host';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=⟦/nodir/a.img⟧,size=1G -device nvdimm,id=nv1,memdev=m1";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/new.img,size=1G -device nvdimm,id=nv1,memdev=m1";

test('mem-path-parent-missing: reported at the exact span', () => {
  expectFindings(BAD, 'mem-path-parent-missing', { host: fakeHost });
});

test('mem-path-parent-missing: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'mem-path-parent-missing', { host: fakeHost });
});
