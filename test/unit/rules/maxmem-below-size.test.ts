import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1024,slots=2,maxmem=⟦4096⟧";
const GOOD = "qemu-system-x86_64 -m 1024,slots=2,maxmem=4096M";

test('maxmem-below-size: reported at the exact span', () => {
  expectFindings(BAD, 'maxmem-below-size');
});

test('maxmem-below-size: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'maxmem-below-size');
});

test('maxmem-below-size: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'maxmem-below-size', "Write maxmem=4096M");
  assert.equal(fixed, "qemu-system-x86_64 -m 1024,slots=2,maxmem=4096M");
});
