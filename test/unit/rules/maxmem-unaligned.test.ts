import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1G,slots=2,maxmem=⟦4294967297⟧";
const GOOD = "qemu-system-x86_64 -m 1G,slots=2,maxmem=4294971392";

test('maxmem-unaligned: reported at the exact span', () => {
  expectFindings(BAD, 'maxmem-unaligned');
});

test('maxmem-unaligned: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'maxmem-unaligned');
});

test('maxmem-unaligned: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'maxmem-unaligned', "Round maxmem up to 4294971392");
  assert.equal(fixed, "qemu-system-x86_64 -m 1G,slots=2,maxmem=4294971392");
});
