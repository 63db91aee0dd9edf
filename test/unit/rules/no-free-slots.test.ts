import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=1,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1 -object memory-backend-file,id=m2,share=on,mem-path=/p/b.img,size=1G -device ⟦nvdimm⟧,id=nv2,memdev=m2";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1 -object memory-backend-file,id=m2,share=on,mem-path=/p/b.img,size=1G -device nvdimm,id=nv2,memdev=m2";

test('no-free-slots: reported at the exact span', () => {
  expectFindings(BAD, 'no-free-slots');
});

test('no-free-slots: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'no-free-slots');
});

test('no-free-slots: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'no-free-slots', "Raise slots to 2");
  assert.equal(fixed, "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1 -object memory-backend-file,id=m2,share=on,mem-path=/p/b.img,size=1G -device nvdimm,id=nv2,memdev=m2");
});
