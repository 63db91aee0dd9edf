import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-ppc64 -M pseries -m ⟦1100M⟧";
const GOOD = "qemu-system-ppc64 -M pseries -m 1280M";

test('pseries-memory-unaligned: reported at the exact span', () => {
  expectFindings(BAD, 'pseries-memory-unaligned');
});

test('pseries-memory-unaligned: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'pseries-memory-unaligned');
});
