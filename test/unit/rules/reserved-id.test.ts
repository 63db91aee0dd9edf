import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -object memory-backend-ram,id=⟦pc.ram⟧,size=1G";
const GOOD = "qemu-system-x86_64 -object memory-backend-ram,id=ram0,size=1G";

test('reserved-id: reported at the exact span', () => {
  expectFindings(BAD, 'reserved-id');
});

test('reserved-id: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'reserved-id');
});
