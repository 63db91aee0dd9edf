import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';
import { fakeHost } from './host';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=⟦/p/small.img⟧,size=1G -device nvdimm,id=nv1,memdev=m1";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/empty.img,size=1G -device nvdimm,id=nv1,memdev=m1";

test('backing-file-too-small: reported at the exact span', () => {
  expectFindings(BAD, 'backing-file-too-small', { host: fakeHost });
});

test('backing-file-too-small: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'backing-file-too-small', { host: fakeHost });
});
