import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -object memory-backend-ram,id=m1,size=1G -object memory-backend-ram,id=⟦m1⟧,size=1G";
const GOOD = "qemu-system-x86_64 -object memory-backend-ram,id=m1,size=1G -object memory-backend-ram,id=m2,size=1G";

test('duplicate-id: reported at the exact span', () => {
  expectFindings(BAD, 'duplicate-id');
});

test('duplicate-id: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'duplicate-id');
});

test('duplicate-id: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'duplicate-id', "Rename to 'm1-2'");
  assert.equal(fixed, "qemu-system-x86_64 -object memory-backend-ram,id=m1,size=1G -object memory-backend-ram,id=m1-2,size=1G");
});
