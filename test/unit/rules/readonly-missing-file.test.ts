import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';
import { fakeHost } from './host';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=⟦/p/new.img⟧,size=1G,readonly=on -device nvdimm,id=nv1,memdev=m1,unarmed=on";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G,readonly=on -device nvdimm,id=nv1,memdev=m1,unarmed=on";

test('readonly-missing-file: reported at the exact span', () => {
  expectFindings(BAD, 'readonly-missing-file', { host: fakeHost });
});

test('readonly-missing-file: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'readonly-missing-file', { host: fakeHost });
});
