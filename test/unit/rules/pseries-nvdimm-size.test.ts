import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-ppc64 -M pseries -m 2G,slots=2,maxmem=8G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=⟦256M⟧ -device nvdimm,memdev=m1,label-size=128K,uuid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const GOOD = "qemu-system-ppc64 -M pseries -m 2G,slots=2,maxmem=8G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=262272K -device nvdimm,memdev=m1,label-size=128K,uuid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

test('pseries-nvdimm-size: reported at the exact span', () => {
  expectFindings(BAD, 'pseries-nvdimm-size');
});

test('pseries-nvdimm-size: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'pseries-nvdimm-size');
});
