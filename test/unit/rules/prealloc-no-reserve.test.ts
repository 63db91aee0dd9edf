import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -object memory-backend-ram,id=m1,size=1G,prealloc=on,⟦reserve=off⟧";
const GOOD = "qemu-system-x86_64 -object memory-backend-ram,id=m1,size=1G,prealloc=on";

test('prealloc-no-reserve: reported at the exact span', () => {
  expectFindings(BAD, 'prealloc-no-reserve');
});

test('prealloc-no-reserve: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'prealloc-no-reserve');
});
