import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G,discard-data=⟦on⟧ -device nvdimm,id=nv1,memdev=m1";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G,discard-data=off -device nvdimm,id=nv1,memdev=m1";

test('discard-data: reported at the exact span', () => {
  expectFindings(BAD, 'discard-data');
});

test('discard-data: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'discard-data');
});

test('discard-data: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'discard-data', "Set discard-data=off");
  assert.equal(fixed, "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G,discard-data=off -device nvdimm,id=nv1,memdev=m1");
});
