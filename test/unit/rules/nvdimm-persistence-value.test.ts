import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on,nvdimm-persistence=⟦cache⟧ -m 1G";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on,nvdimm-persistence=cpu -m 1G";

test('nvdimm-persistence-value: reported at the exact span', () => {
  expectFindings(BAD, 'nvdimm-persistence-value');
});

test('nvdimm-persistence-value: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'nvdimm-persistence-value');
});
