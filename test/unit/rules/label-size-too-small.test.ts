import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,label-size=⟦64K⟧";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,label-size=128K";

test('label-size-too-small: reported at the exact span', () => {
  expectFindings(BAD, 'label-size-too-small');
});

test('label-size-too-small: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'label-size-too-small');
});

test('label-size-too-small: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'label-size-too-small', "Raise label-size to 128K");
  assert.equal(fixed, "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,label-size=128K");
});
