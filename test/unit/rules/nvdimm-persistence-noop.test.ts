import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,⟦nvdimm-persistence⟧=cpu -m 1G";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm-persistence=cpu,nvdimm=on -m 1G";

test('nvdimm-persistence-noop: reported at the exact span', () => {
  expectFindings(BAD, 'nvdimm-persistence-noop');
});

test('nvdimm-persistence-noop: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'nvdimm-persistence-noop');
});

test('nvdimm-persistence-noop: quick fix', () => {
  const fixed = applyFix(BAD.replace(/[⟦⟧]/g, ''), 'nvdimm-persistence-noop', "Set nvdimm=on on the machine");
  assert.equal(fixed, "qemu-system-x86_64 -M pc,nvdimm-persistence=cpu,nvdimm=on -m 1G");
});
