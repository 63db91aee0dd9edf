import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,⟦nvdimm⟧ -m 1G";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G";

test('machine-bare-flag: reported at the exact span', () => {
  expectFindings(BAD, 'machine-bare-flag');
});

test('machine-bare-flag: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'machine-bare-flag');
});

test('machine-bare-flag: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'machine-bare-flag', "Write nvdimm=on");
  assert.equal(fixed, "qemu-system-x86_64 -M pc,nvdimm=on -m 1G");
});
