import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1G,slots=⟦two⟧,maxmem=4G";
const GOOD = "qemu-system-x86_64 -m 1G,slots=2,maxmem=4G";

test('invalid-number: reported at the exact span', () => {
  expectFindings(BAD, 'invalid-number');
});

test('invalid-number: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'invalid-number');
});
