import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device ⟦nvdimm⟧,id=nv1,memdev=m1";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1";

test('slots-missing: reported at the exact span', () => {
  expectFindings(BAD, 'slots-missing');
});

test('slots-missing: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'slots-missing');
});

test('slots-missing: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'slots-missing', "Add slots=1 to -m");
  assert.equal(fixed, "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,maxmem=4G,slots=1 -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1");
});
