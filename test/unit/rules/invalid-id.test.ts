import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -object memory-backend-ram,id=⟦1m⟧,size=1G";
const GOOD = "qemu-system-x86_64 -object memory-backend-ram,id=m1,size=1G";

test('invalid-id: reported at the exact span', () => {
  expectFindings(BAD, 'invalid-id');
});

test('invalid-id: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'invalid-id');
});
