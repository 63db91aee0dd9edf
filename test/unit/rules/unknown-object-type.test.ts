import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -object ⟦memory-backend-files⟧,id=m1,size=1G";
const GOOD = "qemu-system-x86_64 -object memory-backend-ram,id=m1,size=1G";

test('unknown-object-type: reported at the exact span', () => {
  expectFindings(BAD, 'unknown-object-type');
});

test('unknown-object-type: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'unknown-object-type');
});
