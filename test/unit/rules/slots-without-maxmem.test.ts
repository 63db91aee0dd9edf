import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1G,⟦slots⟧=2";
const GOOD = "qemu-system-x86_64 -m 1G,slots=2,maxmem=4G";

test('slots-without-maxmem: reported at the exact span', () => {
  expectFindings(BAD, 'slots-without-maxmem');
});

test('slots-without-maxmem: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'slots-without-maxmem');
});

test('slots-without-maxmem: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'slots-without-maxmem', "Add maxmem=2G");
  assert.equal(fixed, "qemu-system-x86_64 -m 1G,slots=2,maxmem=2G");
});
