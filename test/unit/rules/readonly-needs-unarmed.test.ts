import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G,readonly=on -device nvdimm,id=nv1,memdev=⟦m1⟧";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G,readonly=on -device nvdimm,id=nv1,memdev=m1,unarmed=on";

test('readonly-needs-unarmed: reported at the exact span', () => {
  expectFindings(BAD, 'readonly-needs-unarmed');
});

test('readonly-needs-unarmed: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'readonly-needs-unarmed');
});

test('readonly-needs-unarmed: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'readonly-needs-unarmed', "Set unarmed=on");
  assert.equal(fixed, "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G,readonly=on -device nvdimm,id=nv1,memdev=m1,unarmed=on");
});
