import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';
import { fakeHost } from './host';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=⟦/p/link.img⟧,size=1G -device nvdimm,id=nv1,memdev=m1";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1";

test('mem-path-special: reported at the exact span', () => {
  expectFindings(BAD, 'mem-path-special', { host: fakeHost });
});

test('mem-path-special: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'mem-path-special', { host: fakeHost });
});
